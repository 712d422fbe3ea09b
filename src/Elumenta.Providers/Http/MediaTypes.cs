using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Http;

internal static class MediaTypes
{
    public static string Guess(string url, ModelCategory category)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".gif" => "image/gif",
            ".mp4" => "video/mp4",
            ".webm" => "video/webm",
            ".mp3" => "audio/mpeg",
            ".wav" => "audio/wav",
            ".ogg" => "audio/ogg",
            ".flac" => "audio/flac",
            _ => category switch
            {
                ModelCategory.Video => "video/mp4",
                ModelCategory.Music or ModelCategory.Tts or ModelCategory.AudioTool => "audio/mpeg",
                _ => "image/png",
            },
        };
    }
}
