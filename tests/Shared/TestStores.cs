using Elumenta.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Elumenta.Tests.Shared;

/// <summary>
/// Which engine the store-backed suites run on: SQLite by default, PostgreSQL with
/// <c>ELUMENTA_TEST_STORE=postgres</c> (CI runs the core suite both ways). Each PostgreSQL test gets its own
/// database, copied from one template migrated with the real migrations.
/// </summary>
public static class TestStores
{
    private const string TemplateName = "elumenta_template";
    private static readonly Lazy<Task<PostgresCluster>> Template = new(CreateTemplateAsync);

    public static StoreProvider Provider =>
        string.Equals(Environment.GetEnvironmentVariable("ELUMENTA_TEST_STORE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? StoreProvider.Postgres
            : StoreProvider.Sqlite;

    /// <summary>A migrated PostgreSQL database of its own; returns its connection string.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var cluster = await Template.Value;
        return await cluster.CreateDatabaseAsync(TemplateName);
    }

    public static StorageOptions PostgresOptions(string connectionString) =>
        new() { Provider = StoreProvider.Postgres, ConnectionString = connectionString };

    private static async Task<PostgresCluster> CreateTemplateAsync()
    {
        var cluster = await PostgresCluster.SharedAsync();
        var connectionString = await cluster.CreateDatabaseAsync(name: TemplateName);
        var options = Options.Create(PostgresOptions(connectionString));
        await using (var store = new PostgresStore(options))
        {
            await new MigrationRunner(store, options, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }

        // A template may be copied only while nobody is connected to it.
        NpgsqlConnection.ClearAllPools();
        return cluster;
    }
}
