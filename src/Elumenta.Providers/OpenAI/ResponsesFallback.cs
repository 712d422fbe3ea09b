using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.OpenAI;

/// <summary>
/// Pro models have been Responses-only before: when <c>/chat/completions</c> refuses the model itself
/// (404, or 400 pointing at <c>/v1/responses</c>), the same request goes to <c>POST /responses</c> unstreamed.
/// </summary>
public sealed class ResponsesFallback(OpenAISdk sdk)
{
    public static bool Applies(ProviderException e) =>
        e is { HttpStatus: 404 } && !e.Message.Contains("key", StringComparison.OrdinalIgnoreCase)
        || e is { HttpStatus: 400 } && (e.Message.Contains("v1/responses", StringComparison.OrdinalIgnoreCase)
                                        || e.Message.Contains("not a chat model", StringComparison.OrdinalIgnoreCase)
                                        || e.Message.Contains("not supported in the v1/chat", StringComparison.OrdinalIgnoreCase));

    public async Task<ChatDelta> CompleteAsync(ChatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var http = sdk.Http;
        var input = new JsonArray();
        foreach (var turn in request.Turns)
        {
            var content = new JsonArray { new JsonObject { ["type"] = turn.Role == ChatRole.User ? "input_text" : "output_text", ["text"] = turn.Text } };
            foreach (var image in turn.Images ?? [])
            {
                content.Add(new JsonObject { ["type"] = "input_image", ["image_url"] = image.ToUrlOrDataUri() });
            }

            input.Add(new JsonObject { ["role"] = turn.Role == ChatRole.User ? "user" : "assistant", ["content"] = content });
        }

        var body = new JsonObject { ["model"] = request.Model.UpstreamId, ["input"] = input };
        if (!string.IsNullOrWhiteSpace(request.System))
        {
            body["instructions"] = request.System;
        }

        using var message = ProviderHttp.Json(HttpMethod.Post, "responses", body);
        message.Headers.Authorization = new("Bearer", http.RequireKey());
        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        var text = new StringBuilder();
        if (doc.RootElement.Obj("output") is { ValueKind: JsonValueKind.Array } output)
        {
            foreach (var item in output.EnumerateArray())
            {
                if (item.Obj("content") is { ValueKind: JsonValueKind.Array } parts)
                {
                    foreach (var part in parts.EnumerateArray())
                    {
                        if (part.Str("type") == "refusal")
                        {
                            throw StreamGuard.Refused(ProviderName.OpenAI, part.Str("refusal"));
                        }

                        text.Append(part.Str("text"));
                    }
                }
            }
        }

        if (text.Length == 0)
        {
            throw ErrorMapper.Malformed(ProviderName.OpenAI, "responses answer");
        }

        var usage = doc.RootElement.Obj("usage") is { } u ? new ChatUsage(u.Int("input_tokens") ?? 0, u.Int("output_tokens") ?? 0) : null;
        return new ChatDelta(text.ToString(), null, "stop", usage);
    }
}
