using ElumentaBot.Chat;
using ElumentaBot.Ui;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Transport;

/// <summary>An input file that cannot be used: over the download limit, or Telegram would not hand it over.</summary>
public sealed class ChatInputException : Exception
{
    public ChatInputException()
    {
    }

    public ChatInputException(string message)
        : base(message)
    {
    }

    public ChatInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChatInputException(long size, long limit)
        : base($"The file has {size} bytes; the limit is {limit}.")
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>Set when the file is too large; null for a download failure.</summary>
    public long? Size { get; }

    public long Limit { get; }
}

/// <summary>Downloads a user's file through getFile, refusing anything over the bot download limit (20 MB).</summary>
public sealed class TelegramFiles(ITelegramBotClient bot, IOptions<ChatOptions> options)
{
    private readonly long _max = options.Value.MaxFileBytes;

    public void CheckSize(long? size)
    {
        if (size is { } bytes && bytes > _max)
        {
            throw new ChatInputException(bytes, _max);
        }
    }

    public async Task<byte[]> DownloadAsync(string fileId, CancellationToken ct)
    {
        TGFile file;
        try
        {
            file = await bot.GetFile(fileId, ct);
        }
        catch (RequestException ex)
        {
            throw new ChatInputException("getFile failed.", ex);
        }

        CheckSize(file.FileSize);
        if (file.FilePath is null)
        {
            throw new ChatInputException("Telegram gave no file path.");
        }

        using var buffer = new MemoryStream();
        try
        {
            await bot.DownloadFile(file.FilePath, buffer, ct);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or IOException)
        {
            throw new ChatInputException("The download failed.", ex);
        }

        CheckSize(buffer.Length);
        return buffer.Length > 0 ? buffer.ToArray() : throw new ChatInputException("The file is empty.");
    }
}
