using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Handlers;

/// <summary>Hands a job to <see cref="ChatSessions"/> and tells the user when it has to wait or cannot.</summary>
public sealed class ChatReplies(ChatSessions sessions, Localizer texts)
{
    public async Task<EnqueueResult> EnqueueAsync(ITelegramBotClient bot, ChatJob job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(job);
        var result = sessions.Enqueue(job);
        var text = result.Status switch
        {
            EnqueueStatus.Queued => texts.Get(job.Language, "chat.queued", ("position", Ordinal(job.Language, result.Position))),
            EnqueueStatus.Full => texts.Get(job.Language, "chat.queue_full"),
            _ => null,
        };
        if (text is not null)
        {
            await bot.SendMessage(new SendMessageRequest
            {
                ChatId = job.ChatId,
                Text = text,
                MessageThreadId = job.MessageThreadId,
                ReplyParameters = job.ReplyToMessageId is { } to ? new ReplyParameters { MessageId = to, AllowSendingWithoutReply = true } : null,
            }, ct);
        }

        return result;
    }

    public string Ordinal(string language, int position) =>
        texts.All(language).ContainsKey($"chat.ordinal.{position}")
            ? texts.Get(language, $"chat.ordinal.{position}")
            : texts.Get(language, "chat.ordinal.n", ("n", position));
}
