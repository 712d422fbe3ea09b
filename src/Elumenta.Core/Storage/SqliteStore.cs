using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Storage;

/// <summary>
/// The one way into the database: a fresh pooled connection per operation, WAL, a busy timeout,
/// and <c>BEGIN IMMEDIATE</c> for every write so that two processes sharing the file serialise
/// their read-check-write sequences instead of failing on a lock upgrade.
/// </summary>
public sealed class SqliteStore : IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    // Writers in this process queue here instead of spinning in SQLite's busy handler;
    // other processes still meet at the file lock, bounded by the busy timeout.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    static SqliteStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public SqliteStore(IOptions<StorageOptions> options)
    {
        _connectionString = options.Value.BuildConnectionString();
        _busyTimeoutMs = options.Value.BusyTimeoutMs;
        DataSource = new SqliteConnectionStringBuilder(_connectionString).DataSource;
    }

    public SqliteStore(string pathOrConnectionString)
        : this(Options.Create(new StorageOptions { ConnectionString = pathOrConnectionString }))
    {
    }

    /// <summary>The resolved database file.</summary>
    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction; commits when it returns.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _writeGate.WaitAsync(ct);
        try
        {
            await using var connection = await OpenAsync(ct);
            // Microsoft.Data.Sqlite issues BEGIN IMMEDIATE for a non-deferred serializable transaction.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
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

    public void Dispose() => _writeGate.Dispose();
}
