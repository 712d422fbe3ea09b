using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>
/// Idle read connections of a <see cref="SqliteStore"/>, kept open so their prepared statements are reused (see
/// <see cref="CachingSqliteConnection"/>). A connection comes back only if it is open and in autocommit mode: a read
/// that left a transaction open would otherwise pin an old snapshot, and the WAL behind it, for the next reader.
/// </summary>
internal sealed class ReadConnections : IAsyncDisposable
{
    // Enough for the reads that overlap on a small machine; a burst beyond it opens (pooled) connections and closes them.
    private const int MaxIdle = 16;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];
    private int _count;
    private bool _disposed;

    public SqliteConnection? Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _count);
            return connection;
        }

        return null;
    }

    /// <summary>False when the caller must dispose the connection instead.</summary>
    public bool Return(SqliteConnection connection)
    {
        if (Volatile.Read(ref _disposed) || connection.State != System.Data.ConnectionState.Open
            || SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            return false;
        }

        if (Interlocked.Increment(ref _count) > MaxIdle)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _idle.Add(connection);
        if (Volatile.Read(ref _disposed) && _idle.TryTake(out var late))
        {
            // The store was disposed while this read finished: nothing may stay open behind it.
            late.Dispose();
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }
    }
}
