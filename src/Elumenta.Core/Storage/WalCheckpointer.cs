using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>
/// Copies the WAL back into the database file off the commit path. SQLite's automatic checkpoint runs inside
/// whichever commit crosses the threshold and makes that caller wait for an fsync; a PASSIVE checkpoint on
/// its own connection does the same work without blocking writers. The automatic one stays as a backstop.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public WalCheckpointer(Func<CancellationToken, Task<SqliteConnection>> open, TimeSpan interval)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    await CheckpointAsync(open, _stop.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private static async Task CheckpointAsync(Func<CancellationToken, Task<SqliteConnection>> open, CancellationToken ct)
    {
        try
        {
            await using var connection = await open(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException)
        {
            // A missed checkpoint is harmless: the next tick or SQLite's own backstop catches up.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
