using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>Which engine holds the data (<c>Storage:Provider</c>) and where (<c>ConnectionStrings:Elumenta</c>).</summary>
public sealed class StorageOptions
{
    public const string DefaultPath = "data/elumenta.db";

    /// <summary><c>Sqlite</c> (one file, the default) or <c>Postgres</c> (several instances on one server).</summary>
    public StoreProvider Provider { get; set; } = StoreProvider.Sqlite;

    /// <summary>A file path (<c>data/elumenta.db</c>) or a full connection string (<c>Data Source=...</c>).</summary>
    public string ConnectionString { get; set; } = DefaultPath;

    /// <summary>How long a writer waits for another process's write lock before giving up.</summary>
    public int BusyTimeoutMs { get; set; } = 10_000;

    /// <summary>How often the WAL is copied back into the database file in the background.</summary>
    public int CheckpointIntervalMs { get; set; } = 1000;

    /// <summary>Where a PostgreSQL connection string points, for logs and <c>--check</c>: never the credentials.</summary>
    internal static string DescribePostgres(Npgsql.NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";

    internal static bool LooksLikePostgres(string? connectionString)
    {
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            return !string.IsNullOrWhiteSpace(builder.Host) && !string.IsNullOrWhiteSpace(builder.Database);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Folder with the numbered <c>NNNN_name.sql</c> files; found next to the app or the repository when empty.</summary>
    public string? MigrationsPath { get; set; }

    /// <summary>The database file this configuration points at, without creating anything (<c>--check</c>).</summary>
    public string ResolveDataSource() => new SqliteConnectionStringBuilder(BuildConnectionString(createFolder: false)).DataSource;

    internal string BuildConnectionString(bool createFolder = true)
    {
        var raw = string.IsNullOrWhiteSpace(ConnectionString) ? DefaultPath : ConnectionString.Trim();
        var builder = raw.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(raw)
            : new SqliteConnectionStringBuilder { DataSource = raw };
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            var dir = Path.GetDirectoryName(builder.DataSource);
            if (createFolder && !string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }
        }

        builder.Pooling = true;
        builder.DefaultTimeout = Math.Max(1, BusyTimeoutMs / 1000);
        return builder.ToString();
    }
}
