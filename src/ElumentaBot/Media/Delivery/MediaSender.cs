using Elumenta.Providers.Http;
using Elumenta.Providers.Jobs;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// Sends one result file the way Telegram's limits allow: by URL where Telegram can fetch it (photos ≤ 5 MB, other
/// files ≤ 20 MB, voice only OGG ≤ 1 MB, documents only PDF/ZIP), else downloaded and uploaded (photos ≤ 10 MB,
/// bigger photos as documents, anything ≤ 50 MB), else as a link. Returns the Telegram file id.
/// </summary>
public sealed class MediaSender(ITelegramBotClient bot, IHttpClientFactory http, Localizer texts, IOptions<MediaOptions> options, ResultFiles results, RemoteUrls remote)
{
    public const string HttpClientName = "media-results";
    private const long Mb = 1024 * 1024;
    private readonly MediaOptions _limits = options.Value;

    public async Task<string?> SendAsync(long chatId, Uri source, SendKind kind, string mime, string? caption, InlineKeyboardMarkup? markup, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsFile)
        {
            // Only files we saved ourselves; a stored path elsewhere would send a local file to a chat.
            var path = Path.GetFullPath(source.LocalPath);
            if (!path.StartsWith(results.Folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("Refusing to send a local file outside the results folder.");
            }

            var bytes = await File.ReadAllBytesAsync(path, ct);
            return await UploadAsync(chatId, bytes, kind, mime, caption, markup, ct);
        }

        if (remote.Refusal(source) is { } refusal)
        {
            throw new InvalidOperationException($"Refusing to fetch a result URL: {refusal}.");
        }

        var size = await SizeAsync(source, ct);
        if (size is { } known && UrlAllowed(kind, mime, known))
        {
            try
            {
                return await SendFileAsync(chatId, InputFile.FromUri(source), kind, caption, markup, ct);
            }
            catch (Exception e) when (e.IsBadRequest())
            {
                // Telegram could not fetch it (wrong type, slow host): fall back to uploading it ourselves.
            }
        }

        var downloaded = await DownloadAsync(source, _limits.MaxUploadBytes, ct);
        if (downloaded is null)
        {
            await bot.SendMessage(chatId, texts.Get(language, "media.delivery.link", ("url", source.ToString())), replyMarkup: markup, cancellationToken: ct);
            return null;
        }

        return await UploadAsync(chatId, downloaded, kind, mime, caption, markup, ct);
    }

    public async Task<string?> SendFileAsync(long chatId, InputFile file, SendKind kind, string? caption, InlineKeyboardMarkup? markup, CancellationToken ct)
    {
        var message = kind switch
        {
            SendKind.Photo => await bot.SendPhoto(chatId, file, caption, replyMarkup: markup, cancellationToken: ct),
            SendKind.Video => await bot.SendVideo(chatId, file, caption, replyMarkup: markup, supportsStreaming: true, cancellationToken: ct),
            SendKind.Audio => await bot.SendAudio(chatId, file, caption, replyMarkup: markup, cancellationToken: ct),
            SendKind.Voice => await bot.SendVoice(chatId, file, caption, replyMarkup: markup, cancellationToken: ct),
            _ => await bot.SendDocument(chatId, file, caption, replyMarkup: markup, cancellationToken: ct),
        };
        return message.Photo?.LastOrDefault()?.FileId ?? message.Video?.FileId ?? message.Audio?.FileId
            ?? message.Voice?.FileId ?? message.Document?.FileId;
    }

    private Task<string?> UploadAsync(long chatId, byte[] bytes, SendKind kind, string mime, string? caption, InlineKeyboardMarkup? markup, CancellationToken ct)
    {
        if (kind == SendKind.Photo && bytes.Length > _limits.MaxUploadPhotoBytes)
        {
            kind = SendKind.Document;
        }

        return SendFileAsync(chatId, Uploads.FromBytes(bytes, ResultKind.FileName(mime)), kind, caption, markup, ct);
    }

    private bool UrlAllowed(SendKind kind, string mime, long size) => kind switch
    {
        SendKind.Photo => size <= _limits.MaxUrlPhotoBytes,
        SendKind.Voice => mime == "audio/ogg" && size <= Math.Min(Mb, _limits.MaxUrlFileBytes),
        SendKind.Document => mime is "application/pdf" or "application/zip" && size <= _limits.MaxUrlFileBytes,
        _ => size <= _limits.MaxUrlFileBytes,
    };

    private async Task<long?> SizeAsync(Uri source, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, source);
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode ? response.Content.Headers.ContentLength : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>The bytes, or null when the file is larger than <paramref name="max"/>.</summary>
    private async Task<byte[]?> DownloadAsync(Uri source, long max, CancellationToken ct)
    {
        using var response = await http.CreateClient(HttpClientName).GetAsync(source, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > max)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
