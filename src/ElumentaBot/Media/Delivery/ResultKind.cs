using System.Text.Json;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;

namespace ElumentaBot.Media.Delivery;

public enum SendKind { Photo, Video, Audio, Voice, Document, Text }

/// <summary>Which send method a result goes out with, from its category and MIME type.</summary>
public static class ResultKind
{
    public static SendKind Of(Generation generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        if (generation.ResultUrl is null)
        {
            return SendKind.Text;
        }

        var mime = Mime(generation);
        return mime switch
        {
            _ when mime.StartsWith("image/", StringComparison.Ordinal) => SendKind.Photo,
            _ when mime.StartsWith("video/", StringComparison.Ordinal) => SendKind.Video,
            // Speech is a voice message where Telegram plays it as one (OGG/Opus or MP3); other audio is a track.
            "audio/ogg" or "audio/opus" or "audio/mpeg" when generation.Category == nameof(ModelCategory.Tts) => SendKind.Voice,
            _ when mime.StartsWith("audio/", StringComparison.Ordinal) => SendKind.Audio,
            _ => SendKind.Document,
        };
    }

    public static string Mime(Generation generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        if (generation.ResultMetadata is { } json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.TryGetProperty("mime", out var mime) && mime.GetString() is { Length: > 0 } m)
                {
                    return m;
                }
            }
            catch (JsonException)
            {
            }
        }

        return "application/octet-stream";
    }

    public static IReadOnlyList<Uri> Urls(Generation generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var urls = new List<Uri>();
        if (generation.ResultMetadata is { } json)
        {
            try
            {
                using var doc = JsonDocument.Parse(json);
                if (doc.RootElement.TryGetProperty("urls", out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    urls.AddRange(list.EnumerateArray().Select(u => u.GetString()).OfType<string>().Select(u => new Uri(u)));
                }
            }
            catch (JsonException)
            {
            }
        }

        if (urls.Count == 0 && generation.ResultUrl is { } url)
        {
            urls.Add(new Uri(url));
        }

        return urls;
    }

    public static string FileName(string mime) => mime switch
    {
        "image/png" => "result.png",
        "image/jpeg" => "result.jpg",
        "image/webp" => "result.webp",
        "video/mp4" => "result.mp4",
        "audio/mpeg" => "result.mp3",
        "audio/wav" => "result.wav",
        "audio/ogg" => "result.ogg",
        _ => "result.bin",
    };
}
