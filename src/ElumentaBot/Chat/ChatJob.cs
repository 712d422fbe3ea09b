using ElumentaBot.Chat.Conversations;
using ElumentaBot.Transport;

namespace ElumentaBot.Chat;

/// <summary>What the user sent: text, a photo with its caption, a voice message, or a Retry of a failed generation.</summary>
public abstract record ChatInput
{
    private ChatInput()
    {
    }

    public sealed record Text(string Value) : ChatInput;

    public sealed record Photo(string FileId, long? FileSize, string? Caption) : ChatInput;

    /// <param name="SttSlug">The speech-to-text model, charged with the answer as one request.</param>
    public sealed record Voice(string FileId, long? FileSize, string? MimeType, string SttSlug) : ChatInput;

    /// <param name="Turn">The failed request's user turn, already claimed (a second tap on Retry finds nothing).</param>
    /// <param name="SttSlug">For a voice message whose transcription never happened.</param>
    public sealed record Retry(long GenerationId, StoredMessage Turn, string SttSlug) : ChatInput;
}

/// <summary>
/// One chat request waiting for or holding its chat's single generation slot. The model is fixed when the user sends
/// it; the account pays (in groups: the sender's).
/// </summary>
public sealed record ChatJob(long ChatId, bool IsPrivate, long AccountId, string Language, string ModelSlug, ChatInput Input)
{
    /// <summary>The update that sent it: a retried update finds its job instead of queueing (and charging) it twice.</summary>
    public int? UpdateId { get; init; }

    /// <summary>
    /// The sending update's inbox row, pending until this job is admitted (in the admission's transaction) or ends:
    /// a crash or a takeover before then asks the question again instead of losing it. Null outside the dispatcher.
    /// </summary>
    public UpdateCompletion? Completion { get; init; }

    /// <summary>The user's message, answered as a reply in groups.</summary>
    public int? ReplyToMessageId { get; init; }

    public int? MessageThreadId { get; init; }
}

/// <summary>How a job ended.</summary>
public enum ChatOutcome { Completed, Refused, Failed, Canceled, Interrupted }
