using Elumenta.Providers;
using Elumenta.Providers.Http;

namespace Elumenta.Api.Generate;

/// <summary>
/// Input files named by the client (<c>image_url</c>, <c>audio_url</c>, vision parts): an https URL on a public host
/// (the rule the router applies before any provider call), or an inline <c>data:</c> image. Anything else is refused
/// before admission, so a refused URL changes nothing.
/// </summary>
public static class InputUrls
{
    public const int MaxInlineBytes = 20 * 1024 * 1024;

    public const string Rule = "must be an https URL on a public host";

    /// <summary>Null (and <paramref name="problem"/>) when the value may not be handed to a provider.</summary>
    public static MediaInput? Parse(string? value, string kind, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "must not be empty";
            return null;
        }

        if (kind == "image" && value.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
        {
            return Inline(value, out problem);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !RemoteUrls.IsPublicHostName(uri))
        {
            problem = Rule;
            return null;
        }

        return MediaInput.FromUrl(uri, Guess(uri, kind));
    }

    private static MediaInput? Inline(string value, out string? problem)
    {
        problem = null;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var header = comma > 0 ? value[5..comma] : "";
        if (!header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase) || value.Length - comma > MaxInlineBytes / 3 * 4 + 4)
        {
            problem = "a data: image must be base64 and at most 20 MB";
            return null;
        }

        try
        {
            return MediaInput.FromBytes(Convert.FromBase64String(value[(comma + 1)..]), header[..^7].ToLowerInvariant(), "image");
        }
        catch (FormatException)
        {
            problem = "is not valid base64";
            return null;
        }
    }

    private static string Guess(Uri uri, string kind)
    {
        var extension = Path.GetExtension(uri.AbsolutePath).ToLowerInvariant();
        return (kind, extension) switch
        {
            ("image", ".png") => "image/png",
            ("image", ".webp") => "image/webp",
            ("image", ".gif") => "image/gif",
            ("image", _) => "image/jpeg",
            ("audio", ".wav") => "audio/wav",
            ("audio", ".ogg" or ".oga") => "audio/ogg",
            ("audio", ".m4a") => "audio/mp4",
            ("audio", ".mp4") => "video/mp4",
            ("audio", ".flac") => "audio/flac",
            ("audio", ".webm") => "audio/webm",
            ("audio", _) => "audio/mpeg",
            _ => "application/octet-stream",
        };
    }
}
