using System.Security.Cryptography;
using System.Text;
using Dapper;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Storage;

/// <summary>
/// Applies <c>migrations/NNNN_name.sql</c> (SQLite) or <c>migrations/postgres/NNNN_name.sql</c> (PostgreSQL) in
/// order, each in its own transaction, and refuses edited history. Both folders share version numbers.
/// </summary>
public sealed partial class MigrationRunner(Store store, IOptions<StorageOptions> options, ILogger<MigrationRunner> logger)
{
    // Instances starting together on one PostgreSQL server take turns; the second finds nothing left to apply.
    private const long PostgresMigrationLock = 0x456C756D656E7461;

    public async Task<int> ApplyAsync(CancellationToken ct = default)
    {
        if (store.Provider != StoreProvider.Postgres)
        {
            return await ApplyAllAsync(ct);
        }

        await using var gate = await store.OpenAsync(ct);
        await gate.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@PostgresMigrationLock)", new { PostgresMigrationLock }, cancellationToken: ct));
        try
        {
            return await ApplyAllAsync(ct);
        }
        finally
        {
            await gate.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@PostgresMigrationLock)", new { PostgresMigrationLock }, cancellationToken: CancellationToken.None));
        }
    }

    private async Task<int> ApplyAllAsync(CancellationToken ct)
    {
        var folder = ResolveFolder(options.Value.MigrationsPath, store.Provider);
        var files = Directory.GetFiles(folder, "*.sql")
            .Select(MigrationFile.Parse)
            .OrderBy(f => f.Version)
            .ToList();
        var duplicate = files.GroupBy(f => f.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(f => f.Name))}.");
        }

        await using (var connection = await store.OpenAsync(ct))
        {
            if (store.Provider == StoreProvider.Sqlite)
            {
                // WAL is a property of the file, set once outside any transaction.
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode = WAL;", cancellationToken: ct));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT    NOT NULL,
                    checksum   TEXT    NOT NULL,
                    applied_at TEXT    NOT NULL
                );
                """, cancellationToken: ct));
        }

        var applied = 0;
        foreach (var file in files)
        {
            var sql = await File.ReadAllTextAsync(file.Path, ct);
            var checksum = Checksum(sql);
            var wasApplied = store.Provider == StoreProvider.Sqlite && file.ForeignKeysOff(sql)
                ? await ApplyWithoutForeignKeysAsync(file, sql, checksum, ct)
                : await store.WriteAsync((c, t) => ApplyAsync(c, t, file, sql, checksum, ct), ct);
            if (wasApplied)
            {
                applied++;
                logger.LogInformation("Applied migration {Migration}", file.Name);
            }
        }

        return applied;
    }

    private static async Task<bool> ApplyAsync(DbConnection c, DbTransaction t, MigrationFile file, string sql, string checksum, CancellationToken ct)
    {
        var existing = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT checksum FROM schema_migrations WHERE version = @Version", new { file.Version }, t, cancellationToken: ct));
        if (existing is not null)
        {
            return existing == checksum
                ? false
                : throw new InvalidOperationException(
                    $"Migration {file.Name} was edited after it was applied (checksum {existing[..12]}… is now {checksum[..12]}…). Add a new migration instead.");
        }

        await c.ExecuteAsync(new CommandDefinition(sql, transaction: t, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @At)",
            new { file.Version, file.Name, Checksum = checksum, At = DateTimeOffset.UtcNow.ToString("O") }, t, cancellationToken: ct));
        return true;
    }

    /// <summary>
    /// A table rebuild (SQLite's way to change a column) must run with foreign keys off, which cannot change inside
    /// a transaction: such a migration gets its own connection, and every reference is checked before it commits.
    /// </summary>
    private async Task<bool> ApplyWithoutForeignKeysAsync(MigrationFile file, string sql, string checksum, CancellationToken ct)
    {
        await using var c = await ((SqliteStore)store).OpenSqliteAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("PRAGMA foreign_keys = OFF;", cancellationToken: ct));
        try
        {
            await using var t = (SqliteTransaction)await c.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
            var applied = await ApplyAsync(c, t, file, sql, checksum, ct);
            var broken = await c.QueryFirstOrDefaultAsync<string>(new CommandDefinition("SELECT \"table\" FROM pragma_foreign_key_check", transaction: t, cancellationToken: ct));
            if (broken is not null)
            {
                throw new InvalidOperationException($"Migration {file.Name} leaves rows of {broken} pointing at nothing.");
            }

            await t.CommitAsync(ct);
            return applied;
        }
        finally
        {
            await c.ExecuteAsync(new CommandDefinition("PRAGMA foreign_keys = ON;", cancellationToken: CancellationToken.None));
        }
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    internal static string ResolveFolder(string? configured, StoreProvider provider = StoreProvider.Sqlite)
    {
        var sqliteFolder = ResolveSqliteFolder(configured);
        if (provider == StoreProvider.Sqlite)
        {
            return sqliteFolder;
        }

        var postgres = Path.Combine(sqliteFolder, "postgres");
        return Directory.Exists(postgres) && Directory.GetFiles(postgres, "*.sql").Length > 0
            ? postgres
            : throw new DirectoryNotFoundException($"No PostgreSQL migrations in '{postgres}'.");
    }

    private static string ResolveSqliteFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"Migrations folder '{configured}' does not exist.");
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "migrations");
                if (Directory.Exists(candidate) && Directory.GetFiles(candidate, "*.sql").Length > 0)
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("No migrations folder with .sql files was found next to the app or above the working directory.");
    }

    private sealed partial record MigrationFile(int Version, string Name, string Path)
    {
        private const string ForeignKeysOffMarker = "-- migration: foreign_keys off";

        public bool ForeignKeysOff(string sql) => sql.StartsWith(ForeignKeysOffMarker, StringComparison.Ordinal);

        public static MigrationFile Parse(string path)
        {
            var name = System.IO.Path.GetFileName(path);
            var match = NamePattern().Match(name);
            return match.Success
                ? new MigrationFile(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), name, path)
                : throw new InvalidOperationException($"Migration file '{name}' is not named NNNN_name.sql.");
        }

        [System.Text.RegularExpressions.GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$")]
        private static partial System.Text.RegularExpressions.Regex NamePattern();
    }
}

/// <summary>The database file and its migrations as <c>--check</c> reports them.</summary>
public sealed record MigrationStatus(string DatabasePath, bool DatabaseExists, int Files, int Applied, IReadOnlyList<string> Pending, IReadOnlyList<string> Edited);
