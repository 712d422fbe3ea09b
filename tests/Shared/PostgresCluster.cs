using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Elumenta.Tests.Shared;

/// <summary>
/// One throwaway PostgreSQL cluster per test process, started from the local initdb/pg_ctl on first use and
/// stopped and deleted when the process exits. Every caller gets its own empty database.
/// </summary>
public sealed class PostgresCluster
{
    private const string AllowMissingVariable = "ELUMENTA_ALLOW_NO_POSTGRES";
    private static readonly Lazy<(string? BinDir, string? RunAs, string? Reason)> Probe = new(PostgresBinaries.Find);
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private const string Watcher = """
        (while kill -0 "$1" 2>/dev/null; do sleep 1; done
         if [ -n "$5" ]; then runuser -u "$5" -- "$2" -D "$3" -m immediate stop; else "$2" -D "$3" -m immediate stop; fi
         rm -rf "$4") >/dev/null 2>&1 </dev/null &
        """;

    private readonly string _adminConnectionString;

    private PostgresCluster(int port) =>
        (Port, _adminConnectionString) = (port, ConnectionString(port, "postgres", poolSize: 5));

    public int Port { get; }

    /// <summary>Why no cluster can be started here (no binaries, no unprivileged user), or null when one can.</summary>
    public static string? UnavailableReason => Probe.Value.Reason;

    public static Task<PostgresCluster> SharedAsync() =>
        UnavailableReason is { } reason ? throw new InvalidOperationException(reason) : Shared.Value;

    /// <summary>
    /// The shared cluster; null (skip) when PostgreSQL is missing and ELUMENTA_ALLOW_NO_POSTGRES=1, else a missing
    /// PostgreSQL is a failure: CI installs it, so a silent skip would hide the tests.
    /// </summary>
    public static async Task<PostgresCluster?> SharedOrSkipAsync()
    {
        if (UnavailableReason is { } reason)
        {
            return Environment.GetEnvironmentVariable(AllowMissingVariable) == "1"
                ? null
                : throw new InvalidOperationException($"PostgreSQL is unavailable: {reason} (set {AllowMissingVariable}=1 to skip).");
        }

        return await SharedAsync();
    }

    /// <summary>A fresh database (empty, or a copy of <paramref name="template"/>); returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string? template = null, string? name = null)
    {
        name ??= "elumenta_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(Port, name, poolSize: 50);
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its pools' connections first: a benchmark's
    /// finished arm must leave no autovacuum or dirty pages behind to slow the next one.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await AdminAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Writes out every dirty page now, so a checkpoint does not fall inside the next measurement.</summary>
    public Task CheckpointAsync() => AdminAsync("CHECKPOINT");

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionString(int port, string database, int poolSize) =>
        $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database={database};Pooling=true;Maximum Pool Size={poolSize.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<PostgresCluster> StartAsync()
    {
        var (binDir, runAs, _) = Probe.Value;
        // An unprivileged user must reach the directories, and a root-only TMPDIR may not be reachable.
        var root = Path.Combine(runAs is null ? Path.GetTempPath() : "/tmp", "elumenta-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var data = Path.Combine(root, "data");
        var sockets = Path.Combine(root, "sock");
        Directory.CreateDirectory(sockets);
        if (runAs is not null)
        {
            await RunAsync(null, "chown", "-R", runAs, root);
        }

        var pgCtl = Path.Combine(binDir!, "pg_ctl");
        await RunAsync(runAs, Path.Combine(binDir!, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C");
        var port = FreePort();
        // Tests trade durability for speed; benchmarks (ELUMENTA_PG_DURABLE=1) keep PostgreSQL's defaults.
        var durability = Environment.GetEnvironmentVariable("ELUMENTA_PG_DURABLE") == "1" ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -k {sockets}{durability} -c max_connections=300";
        // -l: without a log file the server inherits this pipe and the read below never ends.
        await RunAsync(runAs, pgCtl, "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o", options, "start");
        // The test host may be killed before ProcessExit handlers finish: a detached watcher stops and deletes the
        // cluster once this process is gone, however it ended.
        await RunAsync(null, "sh", "-c", Watcher, "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pgCtl, data, root, runAs ?? "");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(runAs, pgCtl, "-D", data, "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
                Directory.Delete(root, recursive: true);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // The watcher finishes the job.
            }
        };
        return new PostgresCluster(port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string? runAs, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(runAs is null ? file : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in runAs is null ? arguments : ["-u", runAs, "--", file, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
