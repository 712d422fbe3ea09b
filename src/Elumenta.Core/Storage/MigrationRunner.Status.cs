using Dapper;
using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>The read-only side (<c>--check</c>, <c>/ready</c>): what <see cref="ApplyAsync"/> would do, creating and changing nothing.</summary>
public sealed partial class MigrationRunner
{
    /// <summary>What <see cref="ApplyAsync"/> would do, read-only: nothing is created or changed.</summary>
    public static async Task<MigrationStatus> StatusAsync(StorageOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = ResolveFolder(options.MigrationsPath, options.Provider);
        var files = Directory.GetFiles(folder, "*.sql").Select(MigrationFile.Parse).OrderBy(f => f.Version).ToList();
        if (options.Provider == StoreProvider.Postgres)
        {
            return await PostgresStatusAsync(options, files, ct);
        }

        var path = options.ResolveDataSource();
        if (!File.Exists(path))
        {
            return new MigrationStatus(path, false, files.Count, 0, [.. files.Select(f => f.Name)], []);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        var hasTable = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", cancellationToken: ct)) > 0;
        var applied = hasTable
            ? (await connection.QueryAsync<(long Version, string Checksum)>(new CommandDefinition(
                "SELECT version, checksum FROM schema_migrations", cancellationToken: ct))).ToDictionary(r => (int)r.Version, r => r.Checksum)
            : [];
        var (pending, edited) = await CompareAsync(files, applied, ct);
        return new MigrationStatus(path, true, files.Count, applied.Count, pending, edited);
    }

    private static async Task<MigrationStatus> PostgresStatusAsync(StorageOptions options, List<MigrationFile> files, CancellationToken ct)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false };
        var where = StorageOptions.DescribePostgres(builder);
        await using var connection = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        var hasTable = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('schema_migrations') IS NOT NULL", cancellationToken: ct));
        var applied = hasTable
            ? (await connection.QueryAsync<(long Version, string Checksum)>(new CommandDefinition(
                "SELECT version::bigint, checksum FROM schema_migrations", cancellationToken: ct))).ToDictionary(r => (int)r.Version, r => r.Checksum)
            : [];
        var (pending, edited) = await CompareAsync(files, applied, ct);
        return new MigrationStatus(where, true, files.Count, applied.Count, pending, edited);
    }

    private static async Task<(List<string> Pending, List<string> Edited)> CompareAsync(List<MigrationFile> files, Dictionary<int, string> applied, CancellationToken ct)
    {
        var pending = new List<string>();
        var edited = new List<string>();
        foreach (var file in files)
        {
            if (!applied.TryGetValue(file.Version, out var checksum))
            {
                pending.Add(file.Name);
            }
            else if (checksum != Checksum(await File.ReadAllTextAsync(file.Path, ct)))
            {
                edited.Add(file.Name);
            }
        }

        return (pending, edited);
    }
}
