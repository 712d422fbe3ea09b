using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.Anthropic;

/// <summary>
/// Hand-written Messages API (no Anthropic SDK in the registry): named SSE events, <c>message_stop</c> ends,
/// <c>stop_reason: refusal</c> and <c>event: error</c> can arrive after a 200.
/// </summary>
public sealed class AnthropicChat(ProviderHttp http) : IChatModel, IProviderAdapter
{
    public const string Version = "2023-06-01";

    public ProviderName Provider => ProviderName.Anthropic;

    public IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamGuard.MapFailures(StreamCoreAsync(request, ct), Provider, ct);
    }

    private async IAsyncEnumerable<ChatDelta> StreamCoreAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var key = http.RequireKey();
        var maxTokens = request.Options.Opt("max_tokens") ?? http.Options.Setting("MaxTokens", "8192");
        var body = new JsonObject
        {
            ["model"] = request.Model.UpstreamId,
            ["max_tokens"] = int.Parse(maxTokens, CultureInfo.InvariantCulture),
            ["messages"] = Messages(request),
            ["stream"] = true,
        };
        if (!string.IsNullOrWhiteSpace(request.System))
        {
            body["system"] = request.System;
        }

        if (request.Options.Opt("temperature") is { } temperature)
        {
            body["temperature"] = JsonRead.Typed(temperature);
        }

        using var message = ProviderHttp.Json(HttpMethod.Post, "v1/messages", body);
        message.Headers.Add("x-api-key", key);
        message.Headers.Add("anthropic-version", Version);
        using var response = await http.SendAsync(message, CallKind.Stream, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var inputTokens = 0;
        await foreach (var sse in SseReader.ReadAsync(stream, ct))
        {
            using var doc = JsonDocument.Parse(sse.Data);
            var root = doc.RootElement;
            switch (sse.Event ?? root.Str("type"))
            {
                case "message_start":
                    inputTokens = root.Obj("message")?.Obj("usage")?.Int("input_tokens") ?? 0;
                    break;
                case "content_block_delta" when root.Obj("delta") is { } delta:
                    if (delta.Str("type") == "text_delta" && delta.Str("text") is { Length: > 0 } text)
                    {
                        yield return new ChatDelta(text);
                    }
                    else if (delta.Str("type") == "thinking_delta" && delta.Str("thinking") is { Length: > 0 } thinking)
                    {
                        yield return new ChatDelta(Reasoning: thinking);
                    }

                    break;
                case "message_delta":
                    var stop = root.Obj("delta")?.Str("stop_reason");
                    if (stop == "refusal")
                    {
                        throw StreamGuard.Refused(Provider, root.Obj("delta")?.Obj("stop_details")?.Str("explanation"));
                    }

                    var output = root.Obj("usage")?.Int("output_tokens") ?? 0;
                    yield return new ChatDelta(FinishReason: stop ?? "end_turn", Usage: new ChatUsage(inputTokens, output));
                    break;
                case "message_stop":
                    yield break;
                case "error":
                    var type = root.Obj("error")?.Str("type");
                    throw http.Error(type switch
                    {
                        "overloaded_error" => 529,
                        "rate_limit_error" => 429,
                        "invalid_request_error" => 400,
                        "authentication_error" => 401,
                        _ => 500,
                    }, sse.Data);
            }
        }

        throw StreamGuard.EndedEarly(Provider);
    }

    private static JsonArray Messages(ChatRequest request)
    {
        var messages = new JsonArray();
        foreach (var turn in request.Turns)
        {
            var content = new JsonArray();
            foreach (var image in turn.Images ?? [])
            {
                content.Add(new JsonObject
                {
                    ["type"] = "image",
                    ["source"] = image.Bytes is not null
                        ? new JsonObject { ["type"] = "base64", ["media_type"] = image.MimeType, ["data"] = image.Base64() }
                        : new JsonObject { ["type"] = "url", ["url"] = image.Url!.ToString() },
                });
            }

            content.Add(new JsonObject { ["type"] = "text", ["text"] = turn.Text });
            messages.Add(new JsonObject { ["role"] = turn.Role == ChatRole.User ? "user" : "assistant", ["content"] = content });
        }

        return messages;
    }
}
