using Microsoft.Data.Sqlite;

namespace Elumenta.Core.Storage;

/// <summary>Where the SQLite file lives; the value of <c>ConnectionStrings:Elumenta</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultPath = "data/elumenta.db";

    /// <summary>A file path (<c>data/elumenta.db</c>) or a full connection string (<c>Data Source=...</c>).</summary>
    public string ConnectionString { get; set; } = DefaultPath;

    /// <summary>How long a writer waits for another process's write lock before giving up.</summary>
    public int BusyTimeoutMs { get; set; } = 10_000;

    /// <summary>How often the WAL is copied back into the database file in the background.</summary>
    public int CheckpointIntervalMs { get; set; } = 1000;

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
