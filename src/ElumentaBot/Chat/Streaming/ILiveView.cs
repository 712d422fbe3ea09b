using ElumentaBot.Ui;

namespace ElumentaBot.Chat.Streaming;

/// <summary>Where a streamed answer is shown while it grows: a draft (private chats) or an edited message (groups).</summary>
internal interface ILiveView
{
    /// <summary>Least time between two <see cref="ShowAsync"/> calls.</summary>
    TimeSpan Interval { get; }

    /// <summary>Re-show unchanged text after this long (drafts expire), or null.</summary>
    TimeSpan? KeepAlive { get; }

    /// <summary>Called once before the first token (groups send their placeholder).</summary>
    Task BeginAsync(CancellationToken ct);

    /// <summary>Shows intermediate plain text (at most one message long).</summary>
    Task ShowAsync(string text, CancellationToken ct);

    /// <summary>Finalises the current part as formatted message(s); later text goes into a new part.</summary>
    Task CommitAsync(string markdown, CancellationToken ct);

    /// <summary>The stream ended without an answer: replace what is shown with <paramref name="refusal"/> (or just clear it).</summary>
    Task AbandonAsync(Refusal? refusal, CancellationToken ct);
}
