using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Elumenta.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Elumenta.Benchmarks.Api;

/// <summary>
/// The API under load: the real Elumenta.Api.dll as its own process (the default: its own GC and thread pool),
/// the same app on in-process Kestrel, or an API already running elsewhere. Both local ones run on a fresh SQLite
/// file with every provider simulated and an Elite account (no limits) holding plenty of tokens.
/// </summary>
internal sealed class ApiTarget : IAsyncDisposable
{
    private const string SigningKey = "benchmark-signing-key-that-is-at-least-32-bytes";
    private readonly Process? _process;
    private readonly WebApplication? _app;
    private readonly string? _dir;

    private ApiTarget(Uri baseAddress, string key, string description, Process? process = null, WebApplication? app = null, string? dir = null)
    {
        (BaseAddress, Key, Description, _process, _app, _dir) = (baseAddress, key, description, process, app, dir);
    }

    public Uri BaseAddress { get; }

    public string Key { get; }

    public string Description { get; }

    /// <summary>CPU time the server has used so far (the process target only): a cost per request that a busy machine does not distort.</summary>
    public TimeSpan? ServerCpu()
    {
        if (_process is null)
        {
            return null;
        }

        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public static ApiTarget External(Uri baseAddress, string key) => new(baseAddress, key, $"an API already running at {baseAddress}");

    /// <param name="under">Where the database goes (default the temp folder); /dev/shm takes the disk's syncs out of the figures.</param>
    /// <param name="serverEnvironment">Extra environment of the server process only (runtime knobs such as DOTNET_gcServer).</param>
    public static async Task<ApiTarget> StartAsync(bool inProcess, int tokens, string? under = null, IReadOnlyList<string>? serverEnvironment = null)
    {
        var dir = under is null
            ? Directory.CreateTempSubdirectory("elumenta-api-load-").FullName
            : Directory.CreateDirectory(Path.Combine(under, "elumenta-api-load-" + Guid.NewGuid().ToString("N"))).FullName;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Elumenta"] = Path.Combine(dir, "load.db"),
            ["Providers:Mode"] = "Simulated",
            ["Providers:Jobs:ResultsPath"] = Path.Combine(dir, "results"),
            ["Api:Jwt:SigningKey"] = SigningKey,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        var key = await LoadAccount.SeedAsync(settings, tokens);
        if (inProcess)
        {
            settings["urls"] = "http://127.0.0.1:0";
            var app = ApiHost.Build([], c => c.AddInMemoryCollection(settings), s => s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
            await app.StartAsync();
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return new ApiTarget(address, key, $"the API on in-process Kestrel at {address} (client and server share this process); database {dir}", app: app, dir: dir);
        }

        var url = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Elumenta.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url.ToString().TrimEnd('/'));
        foreach (var (name, value) in settings)
        {
            start.Environment[name.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var pair in serverEnvironment ?? [])
        {
            start.Environment[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Echo(e.Data);
        process.ErrorDataReceived += (_, e) => Echo(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForHealthAsync(url, process);
        return new ApiTarget(url, key, $"Elumenta.Api.dll as its own process (pid {process.Id.ToString(CultureInfo.InvariantCulture)}) at {url}; database {dir}", process, dir: dir);
    }

    private static async Task WaitForHealthAsync(Uri url, Process process)
    {
        using var client = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)} before answering /health.");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The API did not answer /health within 90 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Echo(string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"  [api] {line}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_process is { HasExited: false })
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        SqliteConnection.ClearAllPools();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
