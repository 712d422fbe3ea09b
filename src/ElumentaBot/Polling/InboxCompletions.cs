using Dapper;
using Elumenta.Core.Storage;

namespace ElumentaBot.Polling;

/// <summary>
/// Group commit for "done" marks: while one transaction is writing, the next marks gather, so a busy
/// bot pays one fsync per batch instead of one per update, and every caller still awaits durability.
/// </summary>
internal sealed class InboxCompletions(SqliteStore store, TimeProvider time)
{
    private readonly Lock _sync = new();
    private List<(int UpdateId, TaskCompletionSource Done)> _queued = [];
    private bool _flushing;

    public Task MarkDoneAsync(int updateId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_sync)
        {
            _queued.Add((updateId, done));
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            _ = Task.Run(FlushAsync);
        }

        return done.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<(int UpdateId, TaskCompletionSource Done)> batch;
            lock (_sync)
            {
                if (_queued.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                batch = _queued;
                _queued = [];
            }

            try
            {
                var now = time.NowMs();
                await store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
                    "UPDATE update_inbox SET status = 'done', handled_at = @Now WHERE update_id = @UpdateId",
                    batch.Select(b => new { b.UpdateId, Now = now }), t)));
                batch.ForEach(b => b.Done.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Done.TrySetException(ex));
            }
        }
    }
}
