using ElumentaBot.Accounts;
using ElumentaBot.Chat.Conversations;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Handlers;

/// <summary><c>/new</c> starts a fresh conversation; <c>/cancel</c> stops the running answer and clears the chat's queue.</summary>
public sealed class ChatCommandHandler(CurrentUser user, ConversationStore conversations, ChatSessions sessions, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message || context.Command is not ("new" or "cancel"))
        {
            return false;
        }

        var language = user.Language;
        string text;
        if (context.Command == "new")
        {
            await conversations.StartNewAsync(message.Chat.Id, ct);
            text = texts.Get(language, "chat.new");
        }
        else
        {
            var result = await sessions.CancelAsync(message.Chat.Id);
            var parts = new List<string>();
            if (result.StoppedRunning)
            {
                parts.Add(texts.Get(language, "chat.cancel.done"));
            }

            if (result.ClearedWaiting > 0)
            {
                parts.Add(texts.Get(language, "chat.cancel.cleared", ("count", result.ClearedWaiting)));
            }

            text = parts.Count > 0 ? string.Join("\n", parts) : texts.Get(language, "chat.cancel.nothing");
        }

        await context.Bot.SendMessage(new SendMessageRequest { ChatId = message.Chat.Id, Text = text, MessageThreadId = message.MessageThreadId }, ct);
        return true;
    }
}
