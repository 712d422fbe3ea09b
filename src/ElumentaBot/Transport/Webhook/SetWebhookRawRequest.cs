using System.Text.Json.Serialization;
using Telegram.Bot.Requests;

namespace ElumentaBot.Transport;

/// <summary>
/// <c>setWebhook</c> with <c>allowed_updates</c> as the strings polling sends (<see cref="UpdateKinds.Allowed"/>):
/// the library's enum may lack the newest kinds, and an omitted one would be silently dropped by Telegram.
/// </summary>
public sealed class SetWebhookRawRequest() : RequestBase<bool>("setWebhook")
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("secret_token")]
    public required string SecretToken { get; init; }

    [JsonPropertyName("allowed_updates")]
    public required IReadOnlyList<string> AllowedUpdates { get; init; }

    [JsonPropertyName("drop_pending_updates")]
    public bool DropPendingUpdates { get; init; }

    [JsonPropertyName("max_connections")]
    public int? MaxConnections { get; init; }
}
