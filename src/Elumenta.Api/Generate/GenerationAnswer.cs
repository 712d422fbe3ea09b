using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Generate;

/// <summary>
/// One generation as api.md §3 shows it. Times are ISO-8601 in UTC. A canceled generation shows as <c>failed</c>
/// (the contract has three states) with <c>error</c> saying it was canceled. Result links never name a server path.
/// </summary>
public sealed record GenerationAnswer(
    long Id,
    string Status,
    string ModelSlug,
    string? ResultText,
    string? ResultUrl,
    string? ThumbnailUrl,
    string? Error,
    int TokensSpent,
    long? ProcessingMs,
    JsonNode? ResultMetadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static GenerationAnswer From(HttpRequest request, Generation g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var status = g.Status switch
        {
            GenerationStatus.Completed => "completed",
            GenerationStatus.Pending => "pending",
            _ => "failed",
        };
        return new GenerationAnswer(
            g.Id, status, g.ModelSlug, g.ResultText, ResultLinks.PublicUrl(request, g),
            g.ThumbnailUrl is { } thumb && thumb.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? thumb : null,
            g.IsSettled && g.Status != GenerationStatus.Completed ? ClientError(g) : null,
            g.Status == GenerationStatus.Completed ? g.TokensSpent : 0,
            g.ProcessingMs, Metadata(request, g), UnixTime.FromMs(g.CreatedAt), g.FinishedAt is { } f ? UnixTime.FromMs(f) : null);
    }

    /// <summary>What a client is told about a failure: by kind, never the provider's own text (it may name internals).</summary>
    public static string ClientError(Generation g)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (g.Status == GenerationStatus.Canceled)
        {
            return "Canceled before it finished; no tokens were charged.";
        }

        return g.ErrorKind switch
        {
            "timeout" => "The provider did not finish in time; no tokens were charged.",
            "content_policy" => "The provider refused this request under its content policy; no tokens were charged.",
            "invalid_input" => "The provider could not use this input; no tokens were charged.",
            "overloaded" => "The provider is overloaded; try again later. No tokens were charged.",
            "empty" => "The model returned nothing; no tokens were charged.",
            "unavailable" => "The provider is not available right now; no tokens were charged.",
            _ => "The provider failed; no tokens were charged.",
        };
    }

    /// <summary>The stored metadata with every result link made public (our saved files become /api/v2/files links).</summary>
    private static JsonNode? Metadata(HttpRequest request, Generation g)
    {
        if (string.IsNullOrEmpty(g.ResultMetadata))
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(g.ResultMetadata);
        }
        catch (JsonException)
        {
            return null;
        }

        if (node is JsonObject obj && obj["urls"] is JsonArray urls)
        {
            obj["urls"] = new JsonArray(urls.Select((u, i) => (JsonNode?)JsonValue.Create(ResultLinks.PublicUrl(request, g.Id, u?.GetValue<string>(), i))).ToArray());
        }

        return node;
    }
}
