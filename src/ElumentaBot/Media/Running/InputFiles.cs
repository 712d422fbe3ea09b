using Elumenta.Providers;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Running;

/// <summary>A file the user sent, over the 20 MB a bot may download.</summary>
public sealed class MediaInputException(string message) : Exception(message)
{
    public MediaInputException()
        : this("The input file cannot be used.")
    {
    }

    public MediaInputException(string message, Exception inner)
        : this(message) => _ = inner;
}

/// <summary>
/// Downloads a user's file through getFile and hands the provider its bytes. The Telegram file URL contains the
/// bot token, so it never leaves this process.
/// </summary>
public sealed class InputFiles(ITelegramBotClient bot, IOptions<MediaOptions> options)
{
    public async Task<MediaInput> LoadAsync(MediaFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var max = options.Value.MaxInputBytes;
        if (file.Size > max)
        {
            throw new MediaInputException("The file is larger than 20 MB.");
        }

        var info = await bot.GetFile(file.FileId, ct);
        if (info.FileSize > max || info.FilePath is null)
        {
            throw new MediaInputException("Telegram does not let bots download this file.");
        }

        using var buffer = new MemoryStream();
        await bot.DownloadFile(info.FilePath, buffer, ct);
        return MediaInput.FromBytes(buffer.ToArray(), file.Mime, file.FileName ?? DefaultName(file.Mime));
    }

    private static string DefaultName(string mime) => mime switch
    {
        "image/jpeg" => "photo.jpg",
        "image/png" => "image.png",
        "audio/ogg" => "voice.ogg",
        "audio/mpeg" => "audio.mp3",
        _ => "file.bin",
    };
}
