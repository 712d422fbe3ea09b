using Dapper;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Storage;

/// <summary>
/// 0013 rebuilds <c>accounts</c> (a Telegram id becomes optional for email sign-ups): a database that already has
/// accounts, ledger entries and references to them comes through whole, and the ledger still moves the pools.
/// </summary>
public sealed class AccountsRebuildMigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "elumenta-rebuild", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Existing_accounts_keep_their_rows_balances_and_references()
    {
        var folder = Path.Combine(_dir, "migrations");
        Directory.CreateDirectory(folder);
        var all = Directory.GetFiles(MigrationRunner.ResolveFolder(null), "*.sql").OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var file in all.Where(f => string.CompareOrdinal(Path.GetFileName(f), "0013") < 0))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var options = Options.Create(new StorageOptions { ConnectionString = Path.Combine(_dir, "db.sqlite"), MigrationsPath = folder });
        await using var store = new SqliteStore(options);
        var runner = new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync();
        await store.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO accounts (id, telegram_user_id, username, plan, settings, created_at) VALUES (7, 4242, 'kept', 'vip', '{\"mode\":\"image\"}', 1)", transaction: t);
            await c.ExecuteAsync("INSERT INTO ledger (account_id, pool, amount, kind, created_at) VALUES (7, 'bonus', 50, 'signup_grant', 1)", transaction: t);
            await c.ExecuteAsync("INSERT INTO api_keys (account_id, name, prefix, key_hash, created_at) VALUES (7, 'k', 'nb_x', 'h', 1)", transaction: t);
        });

        foreach (var file in all.Where(f => string.CompareOrdinal(Path.GetFileName(f), "0013") >= 0))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        Assert.Equal(all.Count(f => string.CompareOrdinal(Path.GetFileName(f), "0013") >= 0), await runner.ApplyAsync());

        var kept = await store.ReadAsync(c => c.QuerySingleAsync<(long TelegramUserId, string Username, string Plan, string Settings, long Bonus, long SessionVersion)>(
            "SELECT telegram_user_id, username, plan, settings, bonus_tokens, session_version FROM accounts WHERE id = 7"));
        Assert.Equal((4242L, "kept", "vip", "{\"mode\":\"image\"}", 50L, 0L), kept);

        // The rebuilt table is still the one the ledger trigger moves and the keys point at.
        await store.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO ledger (account_id, pool, amount, kind, created_at) VALUES (7, 'bonus', 25, 'admin_grant', 2)", transaction: t));
        Assert.Equal(75L, await store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT bonus_tokens FROM accounts WHERE id = 7")));
        Assert.Empty(await store.ReadAsync(c => c.QueryAsync<string>("SELECT \"table\" FROM pragma_foreign_key_check")));
        var orphan = await Assert.ThrowsAsync<SqliteException>(() => store.WriteAsync((c, t) =>
            c.ExecuteAsync("INSERT INTO api_keys (account_id, name, prefix, key_hash, created_at) VALUES (999, 'k', 'nb_y', 'h2', 1)", transaction: t)));
        Assert.Contains("FOREIGN KEY", orphan.Message, StringComparison.Ordinal);

        // An email sign-up has no Telegram id; two of them do not collide, a Telegram id stays unique.
        await store.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO accounts (created_at) VALUES (3)", transaction: t);
            await c.ExecuteAsync("INSERT INTO accounts (created_at) VALUES (3)", transaction: t);
        });
        await Assert.ThrowsAsync<SqliteException>(() => store.WriteAsync((c, t) =>
            c.ExecuteAsync("INSERT INTO accounts (telegram_user_id, created_at) VALUES (4242, 4)", transaction: t)));
    }

    [Fact]
    public async Task The_rebuilt_ledger_takes_the_growth_kinds_and_is_still_append_only()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = Path.Combine(_dir, "growth.sqlite") });
        await using var store = new SqliteStore(options);
        await new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        await store.WriteAsync(async (c, t) =>
        {
            await c.ExecuteAsync("INSERT INTO accounts (id, telegram_user_id, created_at) VALUES (1, 1, 1)", transaction: t);
            await c.ExecuteAsync("INSERT INTO ledger (account_id, pool, amount, kind, created_at) VALUES (1, 'bonus', 25, 'referral_bonus', 1), (1, 'bonus', 10, 'promo', 1)", transaction: t);
        });

        Assert.Equal(35L, await store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT bonus_tokens FROM accounts WHERE id = 1")));
        var update = await Assert.ThrowsAsync<SqliteException>(() => store.WriteAsync((c, t) => c.ExecuteAsync("UPDATE ledger SET amount = 0", transaction: t)));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SqliteException>(() => store.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM ledger", transaction: t)));
        await Assert.ThrowsAsync<SqliteException>(() => store.WriteAsync((c, t) =>
            c.ExecuteAsync("INSERT INTO ledger (account_id, pool, amount, kind, created_at) VALUES (1, 'bonus', 1, 'gift', 1)", transaction: t)));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
