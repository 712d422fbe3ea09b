using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>
/// <c>getUpdates</c> answering each update's JSON as Telegram sent it: the inbox stores that text, so an update
/// survives a restart exactly, fields unknown to this version of the library included.
/// </summary>
public sealed class RawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
{
    public int? Offset { get; set; }

    public int? Limit { get; set; }

    public int? Timeout { get; set; }

    [JsonPropertyName("allowed_updates")]
    public IReadOnlyList<string>? AllowedUpdates { get; set; }
}

/// <summary>An update as received: parsed, plus the exact JSON for durable storage.</summary>
public sealed record RawUpdate(Update Update, string Json)
{
    public static RawUpdate Parse(JsonElement element) =>
        new(element.Deserialize<Update>(JsonBotAPI.Options)!, element.GetRawText());

    public static Update ParseUpdate(string json) => JsonSerializer.Deserialize<Update>(json, JsonBotAPI.Options)!;
}
