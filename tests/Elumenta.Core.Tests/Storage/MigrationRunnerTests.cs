using Dapper;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Storage;

public sealed class MigrationRunnerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "elumenta-migrations", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Fresh_database_gets_every_migration_once_in_wal_mode()
    {
        var options = Options.Create(new StorageOptions { ConnectionString = Path.Combine(_dir, "nested", "folder", "elumenta.db") });
        using var store = new SqliteStore(options);
        var runner = new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance);

        var first = await runner.ApplyAsync();
        var second = await runner.ApplyAsync();

        var expected = Directory.GetFiles(MigrationRunner.ResolveFolder(null), "*.sql").Length;
        Assert.Equal(expected, first);
        Assert.Equal(0, second);
        Assert.True(File.Exists(store.DataSource), "the database folder is created when missing");
        var (mode, recorded) = await store.ReadAsync(async c => (
            await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"),
            await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations")));
        Assert.Equal("wal", mode);
        Assert.Equal(expected, recorded);
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_stops_start_up()
    {
        var folder = Path.Combine(_dir, "migrations");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(MigrationRunner.ResolveFolder(null), "*.sql"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var options = Options.Create(new StorageOptions { ConnectionString = Path.Combine(_dir, "db.sqlite"), MigrationsPath = folder });
        using var store = new SqliteStore(options);
        var runner = new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance);
        await runner.ApplyAsync();

        var edited = Directory.GetFiles(folder, "0001_*.sql").Single();
        await File.AppendAllTextAsync(edited, "\nCREATE TABLE sneaky (id INTEGER);\n");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.ApplyAsync());
        Assert.Contains("was edited after it was applied", error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(edited), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_half_applied()
    {
        var folder = Path.Combine(_dir, "broken");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "0001_ok.sql"), "CREATE TABLE a (id INTEGER);");
        await File.WriteAllTextAsync(Path.Combine(folder, "0002_bad.sql"), "CREATE TABLE b (id INTEGER); INSERT INTO missing VALUES (1);");
        var options = Options.Create(new StorageOptions { ConnectionString = Path.Combine(_dir, "broken.db"), MigrationsPath = folder });
        using var store = new SqliteStore(options);

        await Assert.ThrowsAnyAsync<Exception>(() => new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance).ApplyAsync());

        var tables = await store.ReadAsync(async c => (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToList());
        Assert.Contains("a", tables);
        Assert.DoesNotContain("b", tables);
        var versions = await store.ReadAsync(async c => (await c.QueryAsync<long>("SELECT version FROM schema_migrations")).ToList());
        Assert.Equal([1L], versions);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
