namespace ElumentaBot.Chat.Delivery;

/// <summary>Where an answer goes: the chat, the forum topic, and the user's message it replies to (groups).</summary>
public sealed record ChatTarget(long ChatId, bool IsPrivate, int? ReplyToMessageId = null, int? MessageThreadId = null)
{
    public static ChatTarget Of(ChatJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new ChatTarget(job.ChatId, job.IsPrivate, job.IsPrivate ? null : job.ReplyToMessageId, job.MessageThreadId);
    }
}
