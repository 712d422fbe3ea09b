using System.ClientModel;
using System.Runtime.CompilerServices;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using global::OpenAI.Chat;

namespace Elumenta.Providers.OpenAI;

/// <summary>GPT-5 family through the official SDK's streaming chat; <c>gpt-5.2-pro</c> falls back to <c>/responses</c>.</summary>
public sealed class OpenAIChat(OpenAISdk sdk, ResponsesFallback fallback) : IChatModel, IProviderAdapter
{
    public ProviderName Provider => ProviderName.OpenAI;

    public IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamGuard.MapFailures(StreamCoreAsync(request, ct), Provider, ct);
    }

    private async IAsyncEnumerable<ChatDelta> StreamCoreAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var client = sdk.Client(streaming: true).GetChatClient(request.Model.UpstreamId);
        var options = new ChatCompletionOptions();
        if (request.Options.Opt("reasoning_effort") is { } effort)
        {
#pragma warning disable OPENAI001 // reasoning_effort is still marked experimental in the SDK.
            options.ReasoningEffortLevel = new ChatReasoningEffortLevel(effort);
#pragma warning restore OPENAI001
        }

        if (request.Options.Opt("max_tokens") is { } max && int.TryParse(max, out var maxTokens))
        {
            options.MaxOutputTokenCount = maxTokens;
        }

        if (request.Options.Opt("temperature") is { } t && float.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var temperature))
        {
            options.Temperature = temperature;
        }

        await using var updates = Updates(client, request, options, ct).GetAsyncEnumerator(ct);
        var first = true;
        var finished = false;
        while (true)
        {
            ChatDelta? delta;
            var fallBack = false;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }

                delta = updates.Current;
            }
            catch (ClientResultException e)
            {
                var mapped = sdk.Map(e);
                if (first && ResponsesFallback.Applies(mapped))
                {
                    // Nothing was created upstream: the chat endpoint refused the model outright.
                    fallBack = true;
                    delta = null;
                }
                else
                {
                    throw mapped;
                }
            }

            if (fallBack)
            {
                yield return await fallback.CompleteAsync(request, ct);
                yield break;
            }

            first = false;
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

    private static async IAsyncEnumerable<ChatDelta?> Updates(ChatClient client, ChatRequest request, ChatCompletionOptions options, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var update in client.CompleteChatStreamingAsync(Messages(request), options, ct))
        {
            var text = string.Concat(update.ContentUpdate.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
            var refusal = update.RefusalUpdate;
            if (!string.IsNullOrEmpty(refusal))
            {
                throw StreamGuard.Refused(ProviderName.OpenAI, refusal);
            }

            if (update.FinishReason == ChatFinishReason.ContentFilter)
            {
                throw StreamGuard.Refused(ProviderName.OpenAI, null);
            }

            var usage = update.Usage is { } u ? new ChatUsage(u.InputTokenCount, u.OutputTokenCount) : null;
            var finish = update.FinishReason is { } f ? FinishName(f) : null;
            yield return text.Length > 0 || finish is not null || usage is not null ? new ChatDelta(text.Length > 0 ? text : null, null, finish, usage) : null;
        }
    }

    private static string FinishName(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.FunctionCall => "function_call",
        _ => "content_filter",
    };

    private static List<ChatMessage> Messages(ChatRequest request)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(request.System))
        {
            messages.Add(new SystemChatMessage(request.System));
        }

        foreach (var turn in request.Turns)
        {
            if (turn.Role == ChatRole.Assistant)
            {
                messages.Add(new AssistantChatMessage(turn.Text));
                continue;
            }

            var parts = new List<ChatMessageContentPart> { ChatMessageContentPart.CreateTextPart(turn.Text) };
            foreach (var image in turn.Images ?? [])
            {
                parts.Add(image.Bytes is not null
                    ? ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(image.Bytes), image.MimeType)
                    : ChatMessageContentPart.CreateImagePart(image.Url!));
            }

            messages.Add(new UserChatMessage(parts));
        }

        return messages;
    }
}
