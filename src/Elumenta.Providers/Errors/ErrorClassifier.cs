using Elumenta.Core.Catalog;

namespace Elumenta.Providers;

/// <summary>Status-first classification shared by the adapters; each refines it with its body's code.</summary>
internal static class ErrorClassifier
{
    private static readonly string[] PolicyWords =
        ["content_policy", "moderation", "safety", "nsfw", "sensitive", "e005", "flagged", "prohibited", "policy"];

    public static ProviderErrorKind FromStatus(int status) => status switch
    {
        401 or 402 or 403 => ProviderErrorKind.Misconfigured,
        408 or 504 => ProviderErrorKind.Timeout,
        409 or 429 or 529 => ProviderErrorKind.Overloaded,
        >= 500 => ProviderErrorKind.Unavailable,
        404 => ProviderErrorKind.Misconfigured,
        _ => ProviderErrorKind.InvalidInput,
    };

    /// <summary>Providers without structured safety codes (Replicate, Luma) only say it in words.</summary>
    public static bool LooksLikePolicy(string? text) =>
        text is not null && PolicyWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));

    public static ProviderException Create(ProviderName provider, ProviderErrorKind kind, string? message, int? status = null, TimeSpan? retryAfter = null, string? code = null, string? apiKey = null) =>
        new(kind, provider, Scrub(message, apiKey) ?? $"{provider} returned HTTP {status}.", status, retryAfter, code);

    /// <summary>Keeps messages short and free of the key, even when a provider echoes part of it.</summary>
    public static string? Scrub(string? message, string? apiKey)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var text = message.Trim();
        if (!string.IsNullOrEmpty(apiKey) && apiKey.Length >= 4)
        {
            text = text.Replace(apiKey, "***", StringComparison.Ordinal);
        }

        return text.Length <= 300 ? text : text[..300] + "…";
    }
}
