using Elumenta.Core.Accounts;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Handlers;

/// <summary>The Stop button of a streamed draft (<c>stopped_message_generation</c>): stops that answer, keeps the queue.</summary>
public sealed class ChatStopHandler(ChatSessions sessions, AccountService accounts, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.StoppedMessageGeneration is not { } stopped)
        {
            return false;
        }

        var chatId = stopped.Chat.Id;
        var result = await sessions.CancelAsync(chatId, clearQueue: false);
        if (result.StoppedRunning)
        {
            // Draft Stop buttons exist only in private chats, where the chat id is the user's id.
            var language = (await accounts.FindByTelegramIdAsync(chatId, ct))?.Language ?? Languages.English;
            await context.Bot.SendMessage(chatId, texts.Get(language, "chat.cancel.done"), cancellationToken: ct);
        }

        return true;
    }
}
