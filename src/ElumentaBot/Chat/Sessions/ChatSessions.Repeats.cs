namespace ElumentaBot.Chat.Sessions;

/// <summary>
/// Enqueueing is idempotent per update: a retried update (its first attempt failed after the job was admitted,
/// e.g. while sending the "queued" notice) finds its job, queued, running or recently ended, instead of a second one.
/// </summary>
public sealed partial class ChatSessions
{
    // Retries come within seconds; the window only has to outlive them, not a restart (the queue does not either).
    private static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    private readonly HashSet<int> _admitted = [];
    private readonly Queue<(int UpdateId, long EndedAt)> _ended = new();

    /// <summary>True when the update's job was admitted and is queued, running or ended less than a few minutes ago.</summary>
    public bool WasAdmitted(int updateId)
    {
        lock (_sync)
        {
            Forget();
            return _admitted.Contains(updateId);
        }
    }

    // Callers hold _sync.
    private EnqueueResult? Repeat(ChatJob job)
    {
        Forget();
        if (job.UpdateId is not { } updateId || !_admitted.Contains(updateId))
        {
            return null;
        }

        var position = _sessions.TryGetValue(job.ChatId, out var session) ? PositionOf(session, updateId) : 0;
        return new EnqueueResult(position > 0 ? EnqueueStatus.Queued : EnqueueStatus.Started, position, Repeated: true);
    }

    private void Admit(ChatJob job)
    {
        if (job.UpdateId is { } updateId)
        {
            _admitted.Add(updateId);
        }
    }

    private void Ended(ChatJob job)
    {
        if (job.UpdateId is { } updateId)
        {
            _ended.Enqueue((updateId, time.GetTimestamp()));
        }
    }

    private void Forget()
    {
        while (_ended.TryPeek(out var ended) && time.GetElapsedTime(ended.EndedAt) > RepeatWindow)
        {
            _admitted.Remove(_ended.Dequeue().UpdateId);
        }
    }

    private static int PositionOf(Session session, int updateId)
    {
        var position = 1;
        foreach (var waiting in session.Waiting)
        {
            if (waiting.UpdateId == updateId)
            {
                return position;
            }

            position++;
        }

        return 0;
    }
}
