using System.Data.Common;
using Dapper;

namespace ElumentaBot.Transport;

/// <summary>
/// When an update's inbox row leaves <c>pending</c>. Normally right after its handler returns. A handler whose work
/// waits for its turn (a chat question queued behind a running answer) <see cref="Defer"/>s that, and the row stays
/// pending until the work is admitted: a crash or takeover before then runs the update again instead of losing the
/// question. The admission marks the row done in its own transaction (<see cref="TakeAsync"/>), so the work is
/// admitted once however many instances or restarts run the update.
/// </summary>
public sealed class UpdateCompletion
{
    private readonly Func<int, Task> _markDone;
    private readonly Action<int, bool> _finished;
    private int _ended;

    internal UpdateCompletion(int updateId, Func<int, Task> markDone, Action<int, bool> finished)
    {
        UpdateId = updateId;
        _markDone = markDone;
        _finished = finished;
    }

    public int UpdateId { get; }

    internal bool IsDeferred { get; private set; }

    internal bool HasEnded => Volatile.Read(ref _ended) != 0;

    /// <summary>The handler returns before the work is admitted: the row stays pending until one of the endings below.</summary>
    public void Defer() => IsDeferred = true;

    /// <summary>
    /// In the admission's transaction: marks the row done unless it already is. False means another run of this
    /// update (another instance, or before a restart) already admitted its work; nothing may be admitted now.
    /// </summary>
    public async Task<bool> TakeAsync(DbConnection connection, DbTransaction transaction, long now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE update_inbox SET status = 'done', handled_at = @now WHERE update_id = @UpdateId AND status <> 'done'",
            new { UpdateId, now }, transaction, cancellationToken: ct)) == 1;

    /// <summary>The admission that took the row committed.</summary>
    public void Taken()
    {
        if (End())
        {
            _finished(UpdateId, true);
        }
    }

    /// <summary>The work ended without an admission (refused, cancelled while waiting): the update is done.</summary>
    public async Task DoneAsync()
    {
        if (End())
        {
            try
            {
                await _markDone(UpdateId);
            }
            finally
            {
                _finished(UpdateId, true);
            }
        }
    }

    /// <summary>Shutdown before the work was admitted: the row stays pending and the next start (or another instance) runs it.</summary>
    public void Abandon()
    {
        if (End())
        {
            _finished(UpdateId, false);
        }
    }

    private bool End() => Interlocked.Exchange(ref _ended, 1) == 0;
}
