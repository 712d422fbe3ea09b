using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Tests.Storage;

/// <summary>
/// A schema as comparable lines: tables, "table.column type NULL|NOT NULL default", "index unique? partial?" (the
/// automatic indexes behind PRIMARY KEY and UNIQUE left out: their names differ by engine) and trigger names.
/// </summary>
internal sealed partial record SchemaSnapshot(
    IReadOnlySet<string> Tables, IReadOnlySet<string> Columns, IReadOnlySet<string> Indexes, IReadOnlySet<string> Triggers)
{
    private static readonly Dictionary<string, string> PostgresTypeOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["INTEGER"] = "bigint", ["TEXT"] = "text", ["REAL"] = "double precision", ["BLOB"] = "bytea",
    };

    /// <summary>Applies every SQLite migration, in order, to a temporary file the way the runner does, and reads it back.</summary>
    public static async Task<SchemaSnapshot> OfSqliteMigrationsAsync(string folder)
    {
        var path = Path.Combine(Path.GetTempPath(), $"elumenta-parity-{Guid.NewGuid():N}.db");
        try
        {
            await using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await c.OpenAsync();
            foreach (var file in Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal))
            {
                var sql = await File.ReadAllTextAsync(file);
                var foreignKeys = sql.StartsWith("-- migration: foreign_keys off", StringComparison.Ordinal) ? "OFF" : "ON";
                await c.ExecuteAsync($"PRAGMA foreign_keys = {foreignKeys};");
                await c.ExecuteAsync(sql);
            }

            var tables = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")).ToHashSet();
            var columns = new HashSet<string>();
            foreach (var table in tables)
            {
                // SQLite lets a non-integer PRIMARY KEY column hold NULL unless it says NOT NULL; PostgreSQL never does.
                var rows = await c.QueryAsync<(string Name, string Type, long NotNull, string? Default, long Pk)>(
                    "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(@table)", new { table });
                columns.UnionWith(rows.Select(r => Column(table, r.Name,
                    PostgresTypeOf.GetValueOrDefault(r.Type, r.Type), r.NotNull == 1 || r.Pk > 0, r.Default)));
            }

            var indexes = await c.QueryAsync<(string Name, string Sql)>(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL");
            var triggers = await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'trigger'");
            return new SchemaSnapshot(tables, columns, indexes.Select(i => Index(i.Name, i.Sql)).ToHashSet(), triggers.ToHashSet());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    public static async Task<SchemaSnapshot> OfPostgresAsync(DbConnection c)
    {
        var tables = await c.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        var columns = await c.QueryAsync<(string Table, string Name, string Type, string Nullable, string? Default)>(
            """
            SELECT table_name, column_name, data_type, is_nullable, column_default
            FROM information_schema.columns WHERE table_schema = 'public'
            """);
        var indexes = await c.QueryAsync<(string Name, string Sql)>(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u') AND connamespace = 'public'::regnamespace)
            """);
        var triggers = await c.QueryAsync<string>("SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE trigger_schema = 'public'");
        return new SchemaSnapshot(
            tables.ToHashSet(),
            columns.Select(r => Column(r.Table, r.Name, r.Type, r.Nullable == "NO", r.Default is null ? null : CastSuffix().Replace(r.Default, ""))).ToHashSet(),
            indexes.Select(i => Index(i.Name, i.Sql)).ToHashSet(),
            triggers.ToHashSet());
    }

    private static string Column(string table, string name, string type, bool notNull, string? defaultValue) =>
        $"{table}.{name} {type} {(notNull ? "NOT NULL" : "NULL")}{(defaultValue is null ? "" : " default " + defaultValue)}";

    private static string Index(string name, string sql) =>
        name
        + (sql.StartsWith("CREATE UNIQUE", StringComparison.OrdinalIgnoreCase) ? " unique" : "")
        + (sql.Contains(" WHERE ", StringComparison.OrdinalIgnoreCase) ? " partial" : "");

    /// <summary>PostgreSQL shows a literal default with its cast: <c>'en'::text</c>.</summary>
    [GeneratedRegex(@"::[a-z ]+$")]
    private static partial Regex CastSuffix();
}
