using Dapper;
using Elumenta.Tests.Shared;
using Npgsql;

namespace Elumenta.Core.Tests.Storage;

/// <summary>The PostgreSQL baseline (migrations/postgres/0018_schema.sql) against the schema the SQLite migrations build.</summary>
public sealed class PostgresSchemaTests
{
    private static readonly string Baseline = Path.Combine(AppContext.BaseDirectory, "migrations", "postgres", "0018_schema.sql");

    [Fact]
    public async Task The_cluster_starts_and_a_fresh_database_answers()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is not { } cluster)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(await cluster.CreateDatabaseAsync());
        Assert.Equal(42, await connection.ExecuteScalarAsync<int>("SELECT 40 + 2"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public async Task The_baseline_applies_to_an_empty_database_as_one_command()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is not { } cluster)
        {
            return;
        }

        await using var connection = await BaselineDatabaseAsync(cluster);
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'") > 0);
    }

    [Fact]
    public async Task The_baseline_has_the_tables_columns_indexes_and_triggers_of_the_sqlite_migrations()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is not { } cluster)
        {
            return;
        }

        var sqlite = await SchemaSnapshot.OfSqliteMigrationsAsync(Path.Combine(AppContext.BaseDirectory, "migrations"));
        await using var connection = await BaselineDatabaseAsync(cluster);
        var postgres = await SchemaSnapshot.OfPostgresAsync(connection);

        AssertSameSet(sqlite.Tables, postgres.Tables, "tables");
        AssertSameSet(sqlite.Columns, postgres.Columns, "columns (type, nullability, default)");
        AssertSameSet(sqlite.Indexes, postgres.Indexes, "indexes");
        AssertSameSet(sqlite.Triggers, postgres.Triggers, "triggers");
    }

    [Fact]
    public async Task The_ledger_moves_pools_and_stays_append_only()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is not { } cluster)
        {
            return;
        }

        await using var c = await BaselineDatabaseAsync(cluster);
        var account = await c.ExecuteScalarAsync<long>("INSERT INTO accounts (telegram_user_id, created_at) VALUES (1, 1) RETURNING id");
        const string Entry = "INSERT INTO ledger (account_id, pool, amount, kind, created_at) VALUES (@account, @pool, @amount, 'admin_grant', 1)";
        await c.ExecuteAsync(Entry, new { account, pool = "plan", amount = 30L });
        await c.ExecuteAsync(Entry, new { account, pool = "bonus", amount = 7L });
        await c.ExecuteAsync(Entry, new { account, pool = "plan", amount = -10L });

        var pools = await c.QuerySingleAsync<(long Plan, long Bonus)>("SELECT plan_tokens, bonus_tokens FROM accounts WHERE id = @account", new { account });
        Assert.Equal((20L, 7L), pools);
        var overdraw = await Assert.ThrowsAsync<PostgresException>(() => c.ExecuteAsync(Entry, new { account, pool = "bonus", amount = -8L }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, overdraw.SqlState);
        var update = await Assert.ThrowsAsync<PostgresException>(() => c.ExecuteAsync("UPDATE ledger SET amount = 0"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => c.ExecuteAsync("DELETE FROM ledger"));
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger"));
    }

    private static async Task<NpgsqlConnection> BaselineDatabaseAsync(PostgresCluster cluster)
    {
        var connection = new NpgsqlConnection(await cluster.CreateDatabaseAsync());
        await connection.OpenAsync();
        // The baseline and every later PostgreSQL migration, in order, as the runner applies them.
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(Baseline)!, "*.sql").Order(StringComparer.Ordinal))
        {
            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection);
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private static void AssertSameSet(IReadOnlySet<string> sqlite, IReadOnlySet<string> postgres, string what)
    {
        var onlySqlite = sqlite.Except(postgres).Order(StringComparer.Ordinal).ToList();
        var onlyPostgres = postgres.Except(sqlite).Order(StringComparer.Ordinal).ToList();
        Assert.True(onlySqlite.Count == 0 && onlyPostgres.Count == 0,
            $"The {what} differ.\nOnly in SQLite:{Lines(onlySqlite)}\nOnly in PostgreSQL:{Lines(onlyPostgres)}");

        static string Lines(List<string> lines) => lines.Count == 0 ? " none" : "\n  " + string.Join("\n  ", lines);
    }
}
