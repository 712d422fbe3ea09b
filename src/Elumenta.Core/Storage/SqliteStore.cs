using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Storage;

/// <summary>
/// The one way into the database: a fresh pooled connection per operation, WAL, a busy timeout,
/// and <c>BEGIN IMMEDIATE</c> for every write so that two processes sharing the file serialise
/// their read-check-write sequences instead of failing on a lock upgrade.
/// </summary>
public sealed class SqliteStore : IDisposable, IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    // Writers in this process queue for one group-committing writer instead of spinning in SQLite's
    // busy handler; other processes still meet at the file lock, bounded by the busy timeout.
    private readonly WriteBatcher _writer;
    private readonly WalCheckpointer _checkpointer;

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    static SqliteStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteStore(IOptions<StorageOptions> options)
    {
        _connectionString = options.Value.BuildConnectionString();
        _busyTimeoutMs = options.Value.BusyTimeoutMs;
        DataSource = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        _writer = new WriteBatcher(OpenAsync, Changes);
        _checkpointer = new WalCheckpointer(OpenAsync, TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CheckpointIntervalMs)));
    }

    public SqliteStore(string pathOrConnectionString)
        : this(Options.Create(new StorageOptions { ConnectionString = pathOrConnectionString }))
    {
    }

    /// <summary>Rows of watched tables changed by this process's writes, reported as each write batch ends.</summary>
    public RowChanges Changes { get; } = new();

    /// <summary>The resolved database file.</summary>
    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // The pool hands back the same native handle many times; its pragmas stick to it, so they are set once
        // per handle instead of parsed and run before every read (they were most of a read's cost).
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = 8000;";
            await pragma.ExecuteNonQueryAsync(ct);
            Configured.AddOrUpdate(connection.Handle!, Marker);
        }

        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> atomically inside a <c>BEGIN IMMEDIATE</c> transaction (as one savepoint of a
    /// group commit) and returns once it is committed. If it throws, none of its writes are kept. It must not
    /// call <see cref="WriteAsync{T}"/> itself: writes in this process run one at a time.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _writer.EnqueueAsync(work, ct);
    }

    public Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);

    /// <summary>Runs a read outside any write lock (WAL readers never block writers).</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(ct);
        return await work(connection);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        await _checkpointer.DisposeAsync();
        await _writer.DisposeAsync();
    }
}
