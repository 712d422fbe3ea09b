using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>
/// Group commit: one writer drains queued write operations and runs each in its own SAVEPOINT inside a
/// single BEGIN IMMEDIATE transaction. Operations still apply one after another under the file's write
/// lock, so check-then-write stays exact, but a batch pays for one lock and one WAL commit instead of one
/// per operation. A failing operation rolls back only its savepoint; callers hear back after the commit.
/// </summary>
internal sealed partial class WriteBatcher : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly RowChanges _changes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _writer;

    // Kept open between batches so its prepared statements survive (see CachingSqliteConnection); replaced after
    // a batch that failed as a whole, in case the connection itself is what broke.
    private SqliteConnection? _connection;

    // The connection's synchronous setting as last set. In WAL mode a commit without the sync is still atomic: a
    // power cut can lose it (and every later unsynced one) but never leave part of it, and the next synced
    // commit's fsync of the WAL makes it durable too.
    private bool? _synced;

    public WriteBatcher(Func<CancellationToken, Task<SqliteConnection>> open, RowChanges changes)
    {
        _open = open;
        _changes = changes;
        _writer = Task.Run(RunAsync);
    }

    /// <param name="synced">False: the batch may commit without syncing the file when no operation in it needs the sync.</param>
    public Task<T> EnqueueAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, bool synced, CancellationToken ct)
    {
        var operation = new WriteOperation<T>(work, synced, ct);
        if (!_queue.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteStore));
        }

        return operation.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteOperation>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var operation))
            {
                if (!operation.CancelIfRequested())
                {
                    batch.Add(operation);
                }
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
            }
        }
    }

    private async Task RunBatchAsync(List<WriteOperation> batch)
    {
        var done = new List<WriteOperation>(batch.Count);
        try
        {
            var connection = _connection ??= await _open(_stopping.Token);
            await SyncCommitsAsync(connection, batch.Exists(o => o.Synced));
            using var changes = _changes.Begin(connection);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, _stopping.Token);
            foreach (var operation in batch)
            {
                await ExecuteAsync(connection, transaction, "SAVEPOINT op");
                try
                {
                    await operation.RunAsync(connection, transaction);
                    await ExecuteAsync(connection, transaction, "RELEASE op");
                    done.Add(operation);
                }
                catch (Exception ex)
                {
                    await ExecuteAsync(connection, transaction, "ROLLBACK TO op; RELEASE op");
                    operation.Fail(ex);
                }
            }

            await transaction.CommitAsync(_stopping.Token);
        }
        catch (Exception ex)
        {
            // The batch never committed: nothing any operation did is in the file.
            await DropConnectionAsync();
            foreach (var operation in batch)
            {
                operation.Fail(ex);
            }

            return;
        }

        foreach (var operation in done)
        {
            operation.Succeed();
        }
    }

    private async Task SyncCommitsAsync(DbConnection connection, bool synced)
    {
        if (_synced != synced)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = synced ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL";
            await command.ExecuteNonQueryAsync();
            _synced = synced;
        }
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is not null)
        {
            // Its native handle goes back to the pool, where the next connection to get it must find it synced.
            if (_synced == false)
            {
                try
                {
                    await SyncCommitsAsync(_connection, synced: true);
                }
                catch (SqliteException)
                {
                    SqliteConnection.ClearPool(_connection);
                }
            }

            await _connection.DisposeAsync();
            _connection = null;
            _synced = null;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await DropConnectionAsync();
        await _stopping.CancelAsync();
        _stopping.Dispose();
    }
}
