using System.Data.Common;
using Npgsql;
using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Tests.Storage;

public sealed class SqliteStoreTests
{
    [Fact]
    public async Task Every_commit_is_durable_and_pooled_connections_keep_their_settings()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        // A payment (or any write) that returned must survive a power cut: FULL syncs the WAL at each commit.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("PRAGMA synchronous")));
            Assert.Equal(1, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("PRAGMA foreign_keys")));
            Assert.Equal(2, await h.Main.Store.WriteAsync((c, t) => c.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: t)));
        }
    }

    [Fact]
    public async Task An_operation_that_throws_keeps_none_of_its_writes_while_its_batch_mates_commit()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                await h.Main.Store.WriteAsync(async (c, t) =>
                {
                    await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, 1, LedgerKind.AdminGrant) { AdminId = i }, 0, default);
                    if (i % 3 == 0)
                    {
                        throw new InvalidOperationException("changed my mind");
                    }
                });
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        })));

        var committed = outcomes.Count(ok => ok);
        Assert.Equal(66, committed);
        Assert.Equal(50 + committed, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Equal(committed, (await h.LedgerAsync(account.Id)).Count(e => e.Kind == "admin_grant"));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_write_waits_for_another_process_holding_the_lock_instead_of_failing()
    {
        // SQLite: the other process holds the file's write lock. PostgreSQL: it holds the account row, and the
        // grant's serializable transaction, once it may go on, fails to serialize and is re-run from the start.
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await using DbConnection other = h.PostgresConnectionString is { } pg ? new NpgsqlConnection(pg) : new SqliteConnection($"Data Source={h.DatabasePath}");
        await other.OpenAsync();
        await using var held = other is SqliteConnection sqlite ? sqlite.BeginTransaction(deferred: false) : await other.BeginTransactionAsync();
        await other.ExecuteAsync("UPDATE accounts SET first_name = 'held' WHERE id = @Id", new { account.Id }, held);

        var grant = h.Main.Billing.AdminGrantAsync(account.Id, 10, adminId: 1);
        await Task.Delay(300);
        Assert.False(grant.IsCompleted, "the write must wait for the other process's transaction");
        await held.CommitAsync();

        Assert.Equal(60, await grant.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_database_refuses_an_overdraft_and_keeps_pools_equal_to_the_ledger()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var overdraft = h.Main.Store.WriteAsync((c, t) =>
            Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, -51, LedgerKind.AdminRevoke), 0, default));

        var error = await Assert.ThrowsAnyAsync<DbException>(() => overdraft);
        Assert.Contains("CHECK", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(50, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Single(await h.LedgerAsync(account.Id));
        var tamper = h.Main.Store.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM ledger", transaction: t));
        Assert.Contains("append-only", (await Assert.ThrowsAnyAsync<DbException>(() => tamper)).Message, StringComparison.Ordinal);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_no_trace()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Main.Billing.AdminGrantAsync(account.Id, 10, adminId: 1, cancelled.Token));

        Assert.Equal(50, (await h.ReloadAsync(account)).BonusTokens);
    }
}
