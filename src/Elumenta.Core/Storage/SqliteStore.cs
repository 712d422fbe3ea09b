using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Storage;

/// <summary>
/// The embedded store: one SQLite file, WAL, a busy timeout, and <c>BEGIN IMMEDIATE</c> for every write so
/// that two processes sharing the file serialise their read-check-write sequences instead of failing on a
/// lock upgrade.
/// </summary>
public sealed class SqliteStore : Store
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    // Writers in this process queue for one group-committing writer instead of spinning in SQLite's
    // busy handler; other processes still meet at the file lock, bounded by the busy timeout.
    private readonly WriteBatcher _writer;
    private readonly WalCheckpointer _checkpointer;
    private readonly ReadConnections _readers = new();

    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = new();
    private static readonly object Marker = new();

    static SqliteStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteStore(IOptions<StorageOptions> options)
        : base(StoreProvider.Sqlite)
    {
        ArgumentNullException.ThrowIfNull(options);
        _connectionString = options.Value.BuildConnectionString();
        _busyTimeoutMs = options.Value.BusyTimeoutMs;
        DataSource = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        _writer = new WriteBatcher(ct => OpenSqliteAsync(ct, cachedStatements: true), Changes);
        _checkpointer = new WalCheckpointer(ct => OpenSqliteAsync(ct), TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CheckpointIntervalMs)));
    }

    public SqliteStore(string pathOrConnectionString)
        : this(Options.Create(new StorageOptions { ConnectionString = pathOrConnectionString }))
    {
    }

    /// <summary>The resolved database file.</summary>
    public string DataSource { get; }

    public override bool ReportsRowChanges => true;

    public override string Describe() => DataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await OpenSqliteAsync(ct);

    /// <param name="cachedStatements">A connection that keeps its statements prepared (<see cref="CachingSqliteConnection"/>): for one that lives long.</param>
    internal async Task<SqliteConnection> OpenSqliteAsync(CancellationToken ct = default, bool cachedStatements = false)
    {
        var connection = cachedStatements ? new CachingSqliteConnection(_connectionString) : new SqliteConnection(_connectionString);
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
    /// Runs <paramref name="work"/> inside a <c>BEGIN IMMEDIATE</c> transaction (as one savepoint of a group commit).
    /// It must not call <see cref="WriteAsync{T}"/> itself: writes in this process run one at a time.
    /// </summary>
    public override Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, WriteIsolation isolation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _writer.EnqueueAsync(work, synced: true, ct);
    }

    public override Task<T> WriteUnsyncedAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, WriteIsolation isolation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return _writer.EnqueueAsync(work, synced: false, ct);
    }

    /// <summary>
    /// Reads run on connections kept open between reads (<see cref="ReadConnections"/>), so their statements stay
    /// prepared too; one is reused only if the read left no transaction open on it.
    /// </summary>
    public override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = _readers.Rent() ?? await OpenSqliteAsync(ct, cachedStatements: true);
        var reusable = false;
        try
        {
            var result = await work(connection);
            reusable = true;
            return result;
        }
        finally
        {
            if (!reusable || !_readers.Return(connection))
            {
                await connection.DisposeAsync();
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _readers.DisposeAsync();
        await _checkpointer.DisposeAsync();
        await _writer.DisposeAsync();
        await base.DisposeAsync();
    }
}
