using ElumentaBot.Chat.Sessions;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Chat.Handlers;

/// <summary>Hands a job to <see cref="ChatSessions"/> and tells the user when it has to wait or cannot.</summary>
public sealed class ChatReplies(ChatSessions sessions, Localizer texts, ILogger<ChatReplies> logger)
{
    /// <summary>
    /// The notice is best-effort: once the job is queued, a failed notice is logged, never thrown into a retry of
    /// the update (which would find the job already admitted anyway and only re-send the notice).
    /// </summary>
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
        if (text is null)
        {
            return result;
        }

        try
        {
            await bot.SendMessage(job.ChatId, text,
                replyParameters: job.ReplyToMessageId is { } to ? new ReplyParameters { MessageId = to, AllowSendingWithoutReply = true } : null,
                messageThreadId: job.MessageThreadId, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not send the {Status} notice to chat {ChatId}", result.Status, job.ChatId);
        }

        return result;
    }

    public string Ordinal(string language, int position) =>
        texts.All(language).ContainsKey($"chat.ordinal.{position}")
            ? texts.Get(language, $"chat.ordinal.{position}")
            : texts.Get(language, "chat.ordinal.n", ("n", position));
}
