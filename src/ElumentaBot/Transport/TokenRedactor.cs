using System.Text.RegularExpressions;

namespace ElumentaBot.Transport;

/// <summary>Replaces anything shaped like a bot token with <c>***</c>, so a URL or message can be logged.</summary>
public static partial class TokenRedactor
{
    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : TokenPattern().Replace(text, "***");

    public static string Redact(Uri? uri) => Redact(uri?.ToString());

    // <digits>:<secret> as BotFather issues it, with or without the "bot" prefix of the URL path.
    [GeneratedRegex(@"(?<=bot|\b)\d{3,}:[A-Za-z0-9_\-]{8,}")]
    private static partial Regex TokenPattern();
}
