namespace ElumentaBot.InlineMode;

/// <summary>A picked inline result: whose account pays, the question, the model it offered, and the sent message to write into.</summary>
public sealed record InlineJob(long AccountId, string Language, string ModelSlug, string Question, string InlineMessageId)
{
    /// <summary>The admission's idempotency key: a redelivered chosen_inline_result finds it and admits nothing.</summary>
    public string IdempotencyKey => "inline:" + InlineMessageId;
}
