using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Storage;

/// <summary>The SQLite writer's long-lived connection: statements kept prepared, and commits synced unless nothing in a batch needs it.</summary>
public sealed class SqliteWriterTests
{
    [Fact]
    public async Task A_batch_skips_the_disk_sync_only_when_none_of_its_writes_needs_it()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        var store = h.Main.Store;
        Assert.Equal(1, await store.WriteUnsyncedAsync((c, t) => c.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: t), default));
        Assert.Equal(2, await store.WriteAsync((c, t) => c.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: t)));

        // Hold the writer so that the next two writes share one batch: the synced one decides for both.
        var gate = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var holder = store.WriteAsync(async (_, _) => { entered.SetResult(); await gate.Task; });
        await entered.Task;
        var unsynced = store.WriteUnsyncedAsync((c, t) => c.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: t), default);
        var synced = store.WriteAsync((c, t) => c.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: t));
        gate.SetResult();
        await holder;
        Assert.Equal(2, await unsynced);
        Assert.Equal(2, await synced);

        // Reads (other connections) keep the durable setting whatever the writer last did.
        _ = await store.WriteUnsyncedAsync((c, t) => c.ExecuteScalarAsync<int>("PRAGMA synchronous", transaction: t), default);
        Assert.Equal(2, await store.ReadAsync(c => c.ExecuteScalarAsync<int>("PRAGMA synchronous")));
    }

    [Fact]
    public async Task An_unsynced_write_is_committed_whole_and_seen_at_once_by_another_process()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Store.WriteUnsyncedAsync(async (c, t) =>
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, 7, LedgerKind.AdminGrant) { AdminId = 1 }, 0, default);
            return true;
        }, default);
        Assert.Equal(57, (await h.SecondProcess.Accounts.FindAsync(account.Id))!.BonusTokens);

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Main.Store.WriteUnsyncedAsync<bool>(async (c, t) =>
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, 5, LedgerKind.AdminGrant) { AdminId = 2 }, 0, default);
            throw new InvalidOperationException("changed my mind");
        }, default));
        Assert.Equal(57, (await h.SecondProcess.Accounts.FindAsync(account.Id))!.BonusTokens);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_statement_kept_prepared_answers_every_call_with_its_own_values()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            h.Main.Store.WriteAsync((c, t) => c.ExecuteScalarAsync<long>("SELECT @i * 3 + @j", new { i, j = i % 7 }, t))));
        Assert.Equal([.. Enumerable.Range(0, 300).Select(i => (long)(i * 3 + i % 7))], answers);

        // The same SQL again while its first use still has a reader open gets its own statement.
        var pairs = await h.Main.Store.WriteAsync(async (c, t) =>
        {
            var seen = new List<(long, long)>();
            await using var outer = await c.ExecuteReaderAsync("SELECT column1 FROM (VALUES (1), (2), (3))", transaction: t).ConfigureAwait(false);
            while (await outer.ReadAsync())
            {
                var inner = await c.QueryAsync<long>("SELECT column1 FROM (VALUES (1), (2), (3))", transaction: t);
                seen.Add((outer.GetInt64(0), inner.Sum()));
            }

            return seen;
        });
        Assert.Equal([(1L, 6L), (2L, 6L), (3L, 6L)], pairs);
    }

    [Fact]
    public async Task A_list_parameter_expanded_by_Dapper_keeps_its_values_in_writes_and_reads()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        // Dapper rewrites "IN @ids" into one parameter per item after adding them; each size is its own statement.
        for (var size = 1; size <= 4; size++)
        {
            var ids = Enumerable.Range(1, size).ToArray();
            const string Sql = "SELECT COUNT(*) FROM (VALUES (1), (2), (3), (4)) WHERE column1 IN @ids";
            Assert.Equal(size, await h.Main.Store.WriteAsync((c, t) => c.ExecuteScalarAsync<int>(Sql, new { ids }, t)));
            Assert.Equal(size, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>(Sql, new { ids })));
            Assert.Equal(size, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>(Sql, new { ids })));
        }
    }

    [Fact]
    public async Task A_read_that_leaves_a_transaction_open_does_not_hand_its_snapshot_to_the_next_read()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        var account = await h.NewAccountAsync();
        // A careless read: its snapshot transaction is never ended.
        Assert.Equal(50, await h.Main.Store.ReadAsync(async c =>
        {
            var snapshot = await Elumenta.Core.Storage.Store.BeginSnapshotAsync(c);
            return await c.ExecuteScalarAsync<int>("SELECT bonus_tokens FROM accounts WHERE id = @Id", new { account.Id }, snapshot);
        }));
        await h.Main.Store.WriteAsync(async (c, t) =>
            await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, 5, LedgerKind.AdminGrant) { AdminId = 1 }, 0, default));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(55, (await h.ReloadAsync(account)).BonusTokens);
        }
    }

    [Fact]
    public async Task A_write_that_breaks_its_batch_fails_alone_and_the_next_writes_go_through()
    {
        await using var h = await CoreHarness.StartSqliteAsync();
        var account = await h.NewAccountAsync();
        // Ending the batch's transaction from inside an operation fails the whole batch; the writer starts afresh.
        _ = await h.Main.Store.WriteUnsyncedAsync((c, t) => c.ExecuteScalarAsync<int>("SELECT 1", transaction: t), default);
        await Assert.ThrowsAnyAsync<Exception>(() => h.Main.Store.WriteUnsyncedAsync((c, t) => c.ExecuteAsync("ROLLBACK", transaction: t), default));

        // The connection it dropped went back to the pool synced again, whoever gets it next.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(2, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("PRAGMA synchronous")));
        }

        for (var i = 0; i < 3; i++)
        {
            await h.Main.Store.WriteAsync(async (c, t) =>
                await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Bonus, 1, LedgerKind.AdminGrant) { AdminId = i }, 0, default));
        }

        Assert.Equal(53, (await h.ReloadAsync(account)).BonusTokens);
        await h.AssertBooksBalanceAsync();
    }
}
