using Elumenta.Core.Accounts;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Telegram.Bot;

namespace ElumentaBot.Chat.Handlers;

/// <summary>The Stop button of a streamed draft (<c>stopped_message_generation</c>): stops that answer, keeps the queue.</summary>
public sealed class ChatStopHandler(ChatSessions sessions, AccountService accounts, RecordedReplies recorded, Localizer texts)
{
    public async Task StopAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.StoppedMessageGeneration is not { } stopped)
        {
            return;
        }

        var chatId = stopped.Chat.Id;
        var reply = await recorded.FindAsync(context, ct);
        if (reply is null)
        {
            var result = await sessions.CancelAsync(chatId, clearQueue: false);
            var text = "";
            if (result.StoppedRunning)
            {
                // Draft Stop buttons exist only in private chats, where the chat id is the user's id; the update has no sender.
                var language = (await accounts.FindByTelegramIdAsync(chatId, ct))?.Language ?? Languages.English;
                text = texts.Get(language, "chat.cancel.done");
            }

            reply = await recorded.RecordAsync(context, text, ct);
        }

        if (reply.Length > 0)
        {
            await context.Bot.SendMessage(chatId, reply, messageThreadId: stopped.MessageThreadId, cancellationToken: ct);
        }
    }
}
