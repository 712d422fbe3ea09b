using System.Data.Common;
using Dapper;

namespace Elumenta.Core.Storage;

/// <summary>Which database engine holds the data: one SQLite file (the embedded default) or PostgreSQL (scale-out).</summary>
public enum StoreProvider
{
    Sqlite,
    Postgres,
}

/// <summary>How a PostgreSQL write keeps other writers out (SQLite runs every write alone either way).</summary>
public enum WriteIsolation
{
    /// <summary>SERIALIZABLE, re-run on a serialization failure: exact without knowing which rows matter.</summary>
    Serializable,

    /// <summary>
    /// READ COMMITTED: for code whose statements are each atomic (conditional updates, upserts) and which locks the
    /// rows it decides on first (<see cref="Store.LockAccountAsync"/>). The hot paths use it: serializable's
    /// predicate locks make unrelated accounts abort each other there.
    /// </summary>
    RowLocks,
}

/// <summary>
/// The one way into the database. Every write runs as one atomic unit that sees no other write in between
/// (SQLite: under the file's write lock; PostgreSQL: a serializable transaction, re-run on a serialization
/// failure), so the check-then-write code above it is exact on both engines and across processes.
/// A write delegate may therefore run more than once: it must not change anything outside the database.
/// </summary>
public abstract class Store : IDisposable, IAsyncDisposable
{
    protected Store(StoreProvider provider)
    {
        Provider = provider;
        Sql = new SqlDialect(provider);
    }

    public StoreProvider Provider { get; }

    /// <summary>The few SQL fragments the two engines spell differently.</summary>
    public SqlDialect Sql { get; }

    /// <summary>Rows of watched tables changed by this process's writes (reported by SQLite only; see <see cref="ReportsRowChanges"/>).</summary>
    public RowChanges Changes { get; } = new();

    /// <summary>False where <see cref="Changes"/> is never told of writes, so a cache must not rely on it.</summary>
    public abstract bool ReportsRowChanges { get; }

    /// <summary>What the store points at, for logs and <c>--check</c>, without credentials.</summary>
    public abstract string Describe();

    public abstract Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>Runs <paramref name="work"/> atomically and returns once it is committed; if it throws, none of its writes are kept.</summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default) =>
        WriteAsync(work, WriteIsolation.Serializable, ct);

    public abstract Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, WriteIsolation isolation, CancellationToken ct = default);

    /// <summary>
    /// The same, except that SQLite may return before the commit is synced to disk: a power cut (not a crash of the
    /// process) can lose it whole, never part of it, and any later synced commit makes it durable as well. Only for a
    /// write whose effect the caller shows no one before a synced write of its own that follows it (a text answer's
    /// admission: its reply waits for the capture). PostgreSQL commits every write the same way.
    /// </summary>
    public virtual Task<T> WriteUnsyncedAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, WriteIsolation isolation, CancellationToken ct = default) =>
        WriteAsync(work, isolation, ct);

    /// <summary>
    /// Takes the account's row lock for the rest of the transaction (PostgreSQL; SQLite's writes are serial anyway).
    /// Every move of an account's tokens or limits takes it first, so row-lock writers and serializable writers of
    /// the same account queue for one another (a serializable writer that finds the row changed is re-run).
    /// </summary>
    public static Task LockAccountAsync(DbConnection connection, DbTransaction transaction, long accountId, CancellationToken ct = default) =>
        LockAccountSql(connection) is "" ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(LockAccountStatement, new { AccountId = accountId }, transaction, cancellationToken: ct));

    /// <summary>
    /// The statement of <see cref="LockAccountAsync"/> (parameter <c>@AccountId</c>), or "" on SQLite: put in front of
    /// another statement of the same command, the lock costs no round trip of its own.
    /// </summary>
    public static string LockAccountSql(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection ? "" : LockAccountStatement;

    private const string LockAccountStatement = "SELECT id FROM accounts WHERE id = @AccountId FOR UPDATE;\n";

    /// <summary>
    /// <c> FOR UPDATE</c> on PostgreSQL, nothing on SQLite: appended to a read of the account row, the read takes the
    /// lock of <see cref="LockAccountAsync"/> itself, saving the round trip of a separate lock.
    /// </summary>
    public static string LockingRead(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection ? "" : " FOR UPDATE";

    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken ct = default) =>
        WriteAsync<bool>(async (c, t) => { await work(c, t); return true; }, ct);

    /// <summary>Runs a read outside any write lock.</summary>
    public virtual async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(ct);
        return await work(connection);
    }

    /// <summary>A read-only transaction: several reads that see one moment, without taking SQLite's write lock.</summary>
    public static async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken ct = default) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
