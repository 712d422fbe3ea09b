using System.Text.Json;
using Elumenta.Core.Catalog;
using Elumenta.Providers;

namespace Elumenta.Api.Generate;

/// <summary>
/// Text requests: OpenAI-style <c>messages</c> (roles system, user, assistant; content a string or text and
/// image_url parts, images for vision models only), or <c>prompt</c> with an optional <c>system</c>.
/// </summary>
internal static class ChatPlans
{
    public static GenerationPlan? Build(RequestFields fields, Model model, Dictionary<string, string> options)
    {
        PlanBuilder.OnlyThese(fields, model, "messages", "prompt", "system");
        var system = fields.String("system");
        var systems = new List<string>();
        if (!string.IsNullOrWhiteSpace(system))
        {
            systems.Add(system);
        }

        List<ChatTurn>? turns;
        if (fields.Raw("messages") is { } messages)
        {
            if (fields.Has("prompt"))
            {
                fields.Errors["prompt"] = "send messages or prompt, not both";
            }

            turns = Messages(fields, model, messages, systems);
        }
        else
        {
            var prompt = fields.String("prompt");
            turns = string.IsNullOrWhiteSpace(prompt) ? null : [ChatTurn.User(prompt)];
            if (turns is null && fields.TypeErrors.Count == 0)
            {
                fields.Errors["messages"] = "send messages or prompt";
            }
        }

        if (turns is null || fields.Errors.Count > 0 || fields.TypeErrors.Count > 0)
        {
            return null;
        }

        var systemText = systems.Count > 0 ? string.Join("\n\n", systems) : null;
        // The bot trims a long conversation to the model's budget; an API caller sends the history it wants, so a
        // history over the budget is refused instead of silently cut.
        var total = turns.Sum(t => t.Text.Length) + (systemText?.Length ?? 0);
        if (model.ContextChars is { } budget && total > budget && turns.Count > 1)
        {
            fields.Errors["messages"] = $"the conversation is {total} characters; {model.Slug} takes at most {budget}";
            return null;
        }

        var chat = new ChatRequest(model, turns, systemText, options.Count > 0 ? options : null);
        return new GenerationPlan(model, turns[^1].Text, options) { Chat = chat, PromptField = fields.Has("messages") ? "messages" : "prompt" };
    }

    private static List<ChatTurn>? Messages(RequestFields fields, Model model, JsonElement messages, List<string> systems)
    {
        if (messages.ValueKind != JsonValueKind.Array)
        {
            fields.TypeErrors["messages"] = "must be an array of {role, content}";
            return null;
        }

        var turns = new List<ChatTurn>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            var at = $"messages[{index++}]";
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String
                || !message.TryGetProperty("content", out var content))
            {
                fields.TypeErrors[at] = "must be an object with a string role and a content";
                continue;
            }

            var (text, images) = Content(fields, model, content, at);
            switch (role.GetString())
            {
                case "system":
                    systems.Add(text);
                    break;
                case "user":
                    turns.Add(new ChatTurn(ChatRole.User, text, images));
                    break;
                case "assistant":
                    turns.Add(ChatTurn.Assistant(text));
                    break;
                default:
                    fields.Errors[$"{at}.role"] = "must be system, user or assistant";
                    break;
            }

            if (role.GetString() != "user" && images.Count > 0)
            {
                fields.Errors[$"{at}.content"] = "only user messages may carry images";
            }
        }

        if (turns.Count == 0 || turns[^1].Role != ChatRole.User)
        {
            fields.Errors.TryAdd("messages", "must end with a user message");
        }

        return turns;
    }

    private static (string Text, List<MediaInput> Images) Content(RequestFields fields, Model model, JsonElement content, string at)
    {
        var images = new List<MediaInput>();
        if (content.ValueKind == JsonValueKind.String)
        {
            return (content.GetString()!, images);
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            fields.TypeErrors[$"{at}.content"] = "must be a string or an array of parts";
            return ("", images);
        }

        var texts = new List<string>();
        var index = 0;
        foreach (var part in content.EnumerateArray())
        {
            var where = $"{at}.content[{index++}]";
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type == "text" && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                texts.Add(text.GetString()!);
            }
            else if (type == "image_url" && ImageUrl(part) is { } url)
            {
                if (!model.Has(ModelCapabilities.Vision))
                {
                    fields.Errors[where] = $"{model.Slug} does not read images; vision models do";
                }
                else if (InputUrls.Parse(url, "image", out var problem) is { } image)
                {
                    images.Add(image);
                }
                else
                {
                    fields.Errors[where] = $"image_url.url {problem}";
                }
            }
            else
            {
                fields.TypeErrors[where] = "must be {type:\"text\", text} or {type:\"image_url\", image_url:{url}}";
            }
        }

        return (string.Join("\n", texts), images);
    }

    private static string? ImageUrl(JsonElement part) =>
        !part.TryGetProperty("image_url", out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString()
        : null;
}
