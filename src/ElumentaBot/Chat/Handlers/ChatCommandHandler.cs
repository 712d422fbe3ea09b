using Elumenta.Core.Storage;
using ElumentaBot.Accounts;
using ElumentaBot.Chat.Conversations;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Telegram.Bot;

namespace ElumentaBot.Chat.Handlers;

/// <summary><c>/new</c> starts a fresh conversation (once per update: a retry only repeats the reply).</summary>
public sealed class ChatCommandHandler(CurrentUser user, ConversationStore conversations, Effects effects, Localizer texts)
{
    public async Task NewAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        await effects.RunOnceAsync(context.EffectKey, ChatJson.Default.Int64,
            (c, t) => conversations.StartNewAsync(c, t, message.Chat.Id, ct), ct);
        await context.Bot.SendMessage(message.Chat.Id, texts.Get(user.Language, "chat.new"), messageThreadId: message.MessageThreadId,
            cancellationToken: ct);
    }
}
