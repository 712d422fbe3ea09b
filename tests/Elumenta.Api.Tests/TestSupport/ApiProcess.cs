using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Elumenta.Api.Tests.TestSupport;

/// <summary>
/// The real Elumenta.Api.dll (copied beside the tests by the project reference) as a process, as an operator runs
/// it: its own environment only (nothing inherited that configures Elumenta), its output captured.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly string[] Inherited = ["Api__", "Telegram__", "Providers__", "ConnectionStrings__", "Catalog__", "ASPNETCORE_", "Serilog__"];
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote so far, stdout and stderr interleaved.</summary>
    public string Output => string.Join('\n', _output);

    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "Elumenta.Api.dll");

    /// <summary>Starts the API on a free loopback port and returns once <c>/health</c> answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(string workingDirectory, IDictionary<string, string> environment, TimeSpan? timeout = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = StartInfo(["--urls", baseAddress.ToString().TrimEnd('/')], workingDirectory, environment);
        var api = new ApiProcess(Process.Start(start)!, baseAddress);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (api._process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {api._process.ExitCode} before answering /health:\n{api.Output}");
            }

            try
            {
                if ((await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(90)))
            {
                await api.DisposeAsync();
                throw new TimeoutException($"The API did not answer /health in time:\n{api.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Runs the dll to its end (a mode such as --help, or a start that must fail) and returns what it printed.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        using var process = Process.Start(StartInfo(args, workingDirectory, environment ?? new Dictionary<string, string>()))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>What <c>docker stop</c> or systemd sends: SIGTERM, then waits for the process to end.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>A port nothing listens on right now (the OS picks it; it is released for the process to take).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ProcessStartInfo StartInfo(string[] args, string workingDirectory, IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(DllPath);
        args.ToList().ForEach(start.ArgumentList.Add);
        foreach (var key in start.Environment.Keys.Where(k => Inherited.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || k == "DOTNET_ENVIRONMENT").ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
