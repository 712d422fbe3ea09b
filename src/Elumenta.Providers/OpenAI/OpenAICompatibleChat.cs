using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.OpenAI;

/// <summary>
/// Hand-written <c>/chat/completions</c> streaming for OpenAI-compatible upstreams (DeepSeek, xAI): it keeps
/// <c>reasoning_content</c>, skips keep-alive comments, reads string-or-object <c>error</c> bodies and sends
/// <c>max_tokens</c> rather than the SDK's <c>max_completion_tokens</c>.
/// </summary>
public abstract class OpenAICompatibleChat(ProviderHttp http) : IChatModel, IProviderAdapter
{
    public ProviderName Provider => http.Provider;

    protected ProviderHttp Http => http;

    public IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamGuard.MapFailures(StreamCoreAsync(request, ct), Provider, ct);
    }

    /// <summary>Upstream-specific fields (length limits, reasoning knobs) from the request's options.</summary>
    protected virtual void AddOptions(JsonObject body, ChatRequest request)
    {
        if (request.Options.Opt("max_tokens") is { } max)
        {
            body["max_tokens"] = JsonRead.Typed(max);
        }

        if (request.Options.Opt("temperature") is { } temperature)
        {
            body["temperature"] = JsonRead.Typed(temperature);
        }
    }

    private async IAsyncEnumerable<ChatDelta> StreamCoreAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var key = http.RequireKey();
        var body = new JsonObject
        {
            ["model"] = request.Model.UpstreamId,
            ["messages"] = OpenAIMessages.Build(request),
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        AddOptions(body, request);
        using var message = ProviderHttp.Json(HttpMethod.Post, "chat/completions", body);
        message.Headers.Authorization = new("Bearer", key);
        using var response = await http.SendAsync(message, CallKind.Stream, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var finished = false;
        await foreach (var sse in SseReader.ReadAsync(stream, ct))
        {
            if (sse.Data == "[DONE]")
            {
                finished = true;
                break;
            }

            using var doc = JsonDocument.Parse(sse.Data);
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out _))
            {
                throw http.Error(503, sse.Data);
            }

            var delta = OpenAIMessages.ReadChunk(root, Provider);
            if (delta is not null)
            {
                finished |= delta.FinishReason is not null;
                yield return delta;
            }
        }

        if (!finished)
        {
            throw StreamGuard.EndedEarly(Provider);
        }
    }
}
