using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.Google;

/// <summary>
/// Hand-written <c>:streamGenerateContent?alt=sse</c> (no Google SDK in the registry). The stream just closes
/// at the end; safety blocks arrive as HTTP 200 with <c>promptFeedback.blockReason</c> or a safety finishReason.
/// </summary>
public sealed class GeminiChat(ProviderHttp http) : IChatModel, IProviderAdapter
{
    private static readonly HashSet<string> BlockedFinish = new(StringComparer.Ordinal)
    {
        "SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT",
    };

    public ProviderName Provider => ProviderName.Google;

    public IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamGuard.MapFailures(StreamCoreAsync(request, ct), Provider, ct);
    }

    private async IAsyncEnumerable<ChatDelta> StreamCoreAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var key = http.RequireKey();
        var body = new JsonObject { ["contents"] = Contents(request) };
        if (!string.IsNullOrWhiteSpace(request.System))
        {
            body["systemInstruction"] = new JsonObject { ["parts"] = new JsonArray { new JsonObject { ["text"] = request.System } } };
        }

        var config = new JsonObject();
        if (request.Options.Opt("max_tokens") is { } max)
        {
            config["maxOutputTokens"] = JsonRead.Typed(max);
        }

        if (request.Options.Opt("temperature") is { } temperature)
        {
            config["temperature"] = JsonRead.Typed(temperature);
        }

        if (config.Count > 0)
        {
            body["generationConfig"] = config;
        }

        var path = $"models/{Uri.EscapeDataString(request.Model.UpstreamId)}:streamGenerateContent?alt=sse";
        using var message = ProviderHttp.Json(HttpMethod.Post, path, body);
        message.Headers.Add("x-goog-api-key", key);
        using var response = await http.SendAsync(message, CallKind.Stream, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var finished = false;
        await foreach (var sse in SseReader.ReadAsync(stream, ct))
        {
            using var doc = JsonDocument.Parse(sse.Data);
            var root = doc.RootElement;
            if (root.Obj("error") is { } error)
            {
                throw http.Error(error.Int("code") ?? 500, sse.Data);
            }

            if (root.Obj("promptFeedback")?.Str("blockReason") is { } blocked)
            {
                throw StreamGuard.Refused(Provider, blocked);
            }

            var usage = root.Obj("usageMetadata") is { } u
                ? new ChatUsage(u.Int("promptTokenCount") ?? 0, (u.Int("candidatesTokenCount") ?? 0) + (u.Int("thoughtsTokenCount") ?? 0))
                : null;
            if (root.Obj("candidates") is not { ValueKind: JsonValueKind.Array } candidates || candidates.GetArrayLength() == 0)
            {
                continue;
            }

            var candidate = candidates[0];
            foreach (var part in candidate.Obj("content")?.Obj("parts")?.EnumerateArray() ?? default)
            {
                if (part.Str("text") is { Length: > 0 } text)
                {
                    yield return part.Bool("thought") ? new ChatDelta(Reasoning: text) : new ChatDelta(text);
                }
            }

            if (candidate.Str("finishReason") is { } finish)
            {
                if (BlockedFinish.Contains(finish))
                {
                    throw StreamGuard.Refused(Provider, finish);
                }

                finished = true;
                yield return new ChatDelta(FinishReason: finish, Usage: usage);
            }
        }

        if (!finished)
        {
            throw StreamGuard.EndedEarly(Provider);
        }
    }

    private static JsonArray Contents(ChatRequest request)
    {
        var contents = new JsonArray();
        foreach (var turn in request.Turns)
        {
            var parts = new JsonArray();
            foreach (var image in turn.Images ?? [])
            {
                parts.Add(image.Bytes is not null
                    ? new JsonObject { ["inlineData"] = new JsonObject { ["mimeType"] = image.MimeType, ["data"] = image.Base64() } }
                    : new JsonObject { ["fileData"] = new JsonObject { ["mimeType"] = image.MimeType, ["fileUri"] = image.Url!.ToString() } });
            }

            parts.Add(new JsonObject { ["text"] = turn.Text });
            contents.Add(new JsonObject { ["role"] = turn.Role == ChatRole.User ? "user" : "model", ["parts"] = parts });
        }

        return contents;
    }
}
