using ElumentaBot.Accounts;
using ElumentaBot.Chat.Handlers;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using ElumentaBot.Media.Running;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;

namespace ElumentaBot.Cancel;

/// <summary>
/// <c>/cancel</c>, in every mode: stops the chat's media jobs and its running and waiting chat answers, then says
/// what was stopped. Cancelled media jobs are announced by the job listener ("canceled, not charged"), so they
/// add no line here; with nothing at all to stop the user hears so.
/// </summary>
public sealed class CancelHandler(CurrentUser user, IMediaJobs media, ChatSessions sessions, RecordedReplies recorded, Localizer texts)
{
    public async Task CancelAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var reply = await recorded.FindAsync(context, ct);
        if (reply is null)
        {
            var chatId = message.Chat.Id;
            var mediaJobs = await media.CancelForChatAsync(chatId, user.Require().Id, ct);
            var chat = await sessions.CancelAsync(chatId);
            reply = await recorded.RecordAsync(context, Describe(chat, mediaJobs, context.Mode), ct);
        }

        if (reply.Length > 0)
        {
            await context.Bot.SendMessage(message.Chat.Id, reply, messageThreadId: message.MessageThreadId, cancellationToken: ct);
        }
    }

    private string Describe(CancelResult chat, int mediaJobs, BotMode mode)
    {
        var language = user.Language;
        var parts = new List<string>();
        if (chat.StoppedRunning)
        {
            parts.Add(texts.Get(language, "chat.cancel.done"));
        }

        if (chat.ClearedWaiting > 0)
        {
            parts.Add(texts.Get(language, "chat.cancel.cleared", ("count", chat.ClearedWaiting)));
        }

        if (parts.Count > 0 || mediaJobs > 0)
        {
            return string.Join("\n", parts);
        }

        return texts.Get(language, mode == BotMode.Chat ? "chat.cancel.nothing" : "media.cancel.nothing");
    }
}
