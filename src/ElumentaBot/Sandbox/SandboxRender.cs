using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ElumentaBot.Sandbox;

/// <summary>One line (or block) of terminal output per bot call a user would notice.</summary>
internal static partial class SandboxRender
{
    public static string? Describe(FakeCall call) => call.Method.ToLowerInvariant() switch
    {
        "sendmessage" => "bot> " + Plain(call.String("text")),
        "editmessagetext" when call.String("inline_message_id") is not null => "bot (inline message edited)> " + Plain(call.String("text")),
        "editmessagetext" => "bot (edited)> " + Plain(call.String("text")),
        "answerinlinequery" => InlineResults(call),
        "sendmessagedraft" when string.IsNullOrEmpty(call.String("text")) => "bot is thinking…",
        "sendphoto" => Media("photo", call),
        "sendvideo" => Media("video", call),
        "sendaudio" => Media("audio", call),
        "sendvoice" => Media("voice message", call),
        "senddocument" => Media("document", call),
        "sendinvoice" => Invoice(call),
        "answercallbackquery" when call.String("text") is { Length: > 0 } text => $"bot (popup)> {text}",
        "answerprecheckoutquery" => $"bot (checkout)> {(call.Flag("ok") ? "accepted" : call.String("error_message"))}",
        _ => null,
    };

    /// <summary>An invoice as the card Telegram shows: title, description, the price in Stars.</summary>
    private static string Invoice(FakeCall call)
    {
        var stars = Stars(call.Parameters);
        var renews = call.Long("subscription_period") is > 0 and var period ? $", renews every {period / 86_400} days" : "";
        return $"bot> ┌ {Plain(call.String("title"))}\n     │ {Plain(call.String("description")).Replace("\n     ", "\n     │ ", StringComparison.Ordinal)}\n     └ {stars} ⭐{renews}";
    }

    /// <summary>Inline results as the card Telegram shows above the keyboard: title and description of each.</summary>
    private static string InlineResults(FakeCall call)
    {
        var results = (call.Parameters["results"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (results.Count == 0)
        {
            var hint = call.Parameters["button"]?["text"]?.ToString();
            return "bot (inline)> no results" + (hint is null ? "" : $" · {Plain(hint)}");
        }

        return "bot (inline)> " + string.Join("\n     ", results.Select((r, i) =>
            $"┌ [{i + 1}] {Plain(r["title"]?.ToString())}\n     └ {Plain(r["description"]?.ToString())}"));
    }

    /// <summary>The total of an invoice's price parts (Telegram Stars have one).</summary>
    public static long Stars(JsonObject invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var prices = invoice["prices"] is JsonValue text && text.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : invoice["prices"];
        return prices is JsonArray parts ? parts.Sum(p => p?["amount"] is JsonValue a && a.TryGetValue<long>(out var amount) ? amount : 0) : 0;
    }

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
