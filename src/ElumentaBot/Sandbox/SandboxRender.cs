using System.Text.RegularExpressions;

namespace ElumentaBot.Sandbox;

/// <summary>One line (or block) of terminal output per bot call a user would notice.</summary>
internal static partial class SandboxRender
{
    public static string? Describe(FakeCall call) => call.Method.ToLowerInvariant() switch
    {
        "sendmessage" => "bot> " + Plain(call.String("text")),
        "editmessagetext" => "bot (edited)> " + Plain(call.String("text")),
        "sendmessagedraft" when string.IsNullOrEmpty(call.String("text")) => "bot is thinking…",
        "sendphoto" => Media("photo", call),
        "sendvideo" => Media("video", call),
        "sendaudio" => Media("audio", call),
        "sendvoice" => Media("voice message", call),
        "senddocument" => Media("document", call),
        "sendinvoice" => $"bot> [invoice] {call.String("title")}: {call.String("description")} — {call.String("prices")}",
        "answercallbackquery" when call.String("text") is { Length: > 0 } text => $"bot (popup)> {text}",
        "answerprecheckoutquery" => $"bot (checkout)> {(call.Flag("ok") ? "accepted" : call.String("error_message"))}",
        _ => null,
    };

    private static string Media(string kind, FakeCall call)
    {
        var size = call.Files.Sum(f => (long)f.Content.Length);
        var source = size > 0 ? $"{size:N0} bytes uploaded" : call.String(kind == "voice message" ? "voice" : kind) ?? "";
        var caption = call.String("caption") is { Length: > 0 } c ? " — " + Plain(c) : "";
        return $"bot> [{kind}: {source}]{caption}";
    }

    /// <summary>Telegram HTML shown as a terminal would: tags dropped, entities decoded.</summary>
    private static string Plain(string? html) =>
        System.Net.WebUtility.HtmlDecode(Tags().Replace(html ?? "", "")).Replace("\n", "\n     ", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
