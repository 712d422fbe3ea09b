using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;

namespace Elumenta.Providers.OpenAI;

/// <summary>The OpenAI chat wire shapes shared by the hand-written clients.</summary>
internal static class OpenAIMessages
{
    public static JsonArray Build(ChatRequest request)
    {
        var messages = new JsonArray();
        if (!string.IsNullOrWhiteSpace(request.System))
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = request.System });
        }

        foreach (var turn in request.Turns)
        {
            var role = turn.Role == ChatRole.User ? "user" : "assistant";
            if (turn.Images is not { Count: > 0 } images)
            {
                messages.Add(new JsonObject { ["role"] = role, ["content"] = turn.Text });
                continue;
            }

            var parts = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = turn.Text } };
            foreach (var image in images)
            {
                parts.Add(new JsonObject
                {
                    ["type"] = "image_url",
                    ["image_url"] = new JsonObject { ["url"] = image.ToUrlOrDataUri() },
                });
            }

            messages.Add(new JsonObject { ["role"] = role, ["content"] = parts });
        }

        return messages;
    }

    /// <summary>One <c>chat.completion.chunk</c>; null when it carries nothing we use (role-only, obfuscation padding).</summary>
    public static ChatDelta? ReadChunk(JsonElement root, ProviderName provider)
    {
        ChatUsage? usage = null;
        if (root.Obj("usage") is { ValueKind: JsonValueKind.Object } u)
        {
            usage = new ChatUsage(u.Int("prompt_tokens") ?? 0, u.Int("completion_tokens") ?? 0);
        }

        string? text = null, reasoning = null, finish = null;
        if (root.Obj("choices") is { ValueKind: JsonValueKind.Array } choices && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            finish = choice.Str("finish_reason");
            if (choice.Obj("delta") is { } delta)
            {
                text = delta.Str("content");
                reasoning = delta.Str("reasoning_content");
                if (delta.Str("refusal") is { Length: > 0 } refusal)
                {
                    throw StreamGuard.Refused(provider, refusal);
                }
            }
        }

        if (finish == "content_filter")
        {
            throw StreamGuard.Refused(provider, null);
        }

        return text is { Length: > 0 } || reasoning is { Length: > 0 } || finish is not null || usage is not null
            ? new ChatDelta(text is { Length: > 0 } ? text : null, reasoning is { Length: > 0 } ? reasoning : null, finish, usage)
            : null;
    }
}
