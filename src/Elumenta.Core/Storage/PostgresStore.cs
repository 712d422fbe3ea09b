using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Elumenta.Core.Storage;

/// <summary>
/// The scale-out store: PostgreSQL through one pooled <see cref="NpgsqlDataSource"/>. Every write is its own
/// transaction, re-run from the start when PostgreSQL reports a serialization failure or a deadlock. By default
/// SERIALIZABLE, because the store code is shared with SQLite, whose writes are already serial: the same
/// read-check-write code is exact here without finding, in every path, which row to lock first. The hot
/// paths (admission, settlement, the inbox) instead lock the account row under READ COMMITTED
/// (<see cref="WriteIsolation.RowLocks"/>): measured, serializable's page-level predicate locks made writes of
/// unrelated accounts abort each other there ~5 times per success.
/// </summary>
public sealed class PostgresStore : Store
{
    private const int MaxAttempts = 30;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    static PostgresStore() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public PostgresStore(IOptions<StorageOptions> options)
        : this(options?.Value.ConnectionString ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    public PostgresStore(string connectionString)
        : base(StoreProvider.Postgres)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _description = StorageOptions.DescribePostgres(builder);
        // Every statement here is one of a fixed set of texts: prepared on each pooled server connection after a few
        // uses, PostgreSQL stops parsing and planning them per call (measured: ~1.7x admissions/s). An operator behind
        // a transaction-pooling proxy that cannot keep prepared statements sets "Max Auto Prepare=0".
        // (NpgsqlConnectionStringBuilder.ContainsKey answers true for every keyword it knows, set or not.)
        if (!new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
                .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 128;
        }

        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public override bool ReportsRowChanges => false;

    public override string Describe() => _description;

    private long _retries;

    /// <summary>Serialization failures retried so far (a contention figure for benchmarks and metrics).</summary>
    public long Retries => Interlocked.Read(ref _retries);

    // Set while a write delegate runs (it flows into what the delegate awaits, not back out of it).
    private static readonly AsyncLocal<bool> Writing = new();

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        ThrowIfInsideWrite();
        return await _dataSource.OpenConnectionAsync(ct);
    }

    /// <summary>
    /// A store call inside a write delegate would wait for a second pooled connection while holding the first: with
    /// every connection held by such writers, none ever returns. Refused at once instead of deadlocking under load.
    /// </summary>
    private static void ThrowIfInsideWrite()
    {
        if (Writing.Value)
        {
            throw new InvalidOperationException("A store call inside a write transaction: use the delegate's connection and transaction.");
        }
    }

    private static async Task<T> RunAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, DbConnection connection, DbTransaction transaction)
    {
        Writing.Value = true;
        return await work(connection, transaction);
    }

    public override async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, WriteIsolation isolation, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfInsideWrite();
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(isolation == WriteIsolation.RowLocks ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable, ct);
            try
            {
                var result = await RunAsync(work, connection, transaction);
                await transaction.CommitAsync(ct);
                return result;
            }
            catch (Exception ex) when (IsRetryable(ex) && attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _retries);
                await SafeRollbackAsync(transaction);
                // Spread the retries so the same writers do not collide again in lockstep.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(attempt * 4, 50))), ct);
            }
        }
    }

    internal static bool IsRetryable(Exception ex) => ex switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        NpgsqlException { InnerException: { } inner } => IsRetryable(inner),
        _ => false,
    };

    private static async Task SafeRollbackAsync(DbTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The connection is dropped with the transaction anyway.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await base.DisposeAsync();
    }
}
