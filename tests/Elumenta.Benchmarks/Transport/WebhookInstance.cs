using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Elumenta.Benchmarks.Transport;

/// <summary>
/// One bot instance of the webhook harness as its own OS process (its own GC, thread pool and connection pool, as
/// a second machine would have): this executable again with the hidden <c>transport-instance</c> subcommand, the
/// real bot host configured by environment variables, with the trivial reply route.
/// </summary>
internal sealed partial class WebhookInstance : IAsyncDisposable
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebhookInstance(Process process, Uri baseAddress)
    {
        (_process, BaseAddress) = (process, baseAddress);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public Uri Webhook => new(BaseAddress, "/telegram/webhook");

    public IReadOnlyCollection<string> Output => _output;

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts an instance with these settings (environment keys, <c>__</c> separated) and waits for its <c>/ready</c>.</summary>
    public static async Task<WebhookInstance> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan readyWithin)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort().ToString(CultureInfo.InvariantCulture)}");
        var start = SelfProcess.Start(Subcommand);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        // As the bot ships (ElumentaBot.csproj): tiered compilation off, unless the caller's environment says otherwise.
        // This process's own runtimeconfig is the benchmark's, which the API-like admission instances share.
        start.Environment.TryAdd("DOTNET_TieredCompilation", "0");
        start.Environment["Telegram__Mode"] = "Webhook";
        start.Environment["Telegram__WebhookUrl"] = new Uri(baseAddress, "/telegram/webhook").ToString();
        start.Environment["Http__Urls"] = baseAddress.ToString().TrimEnd('/');
        var instance = new WebhookInstance(Process.Start(start) ?? throw new InvalidOperationException("Could not start an instance."), baseAddress);
        try
        {
            await instance.WaitReadyAsync(readyWithin);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"An instance exited ({_process.ExitCode}) before it was ready:\n{string.Join('\n', _output)}");
            }

            if (watch.Elapsed > within)
            {
                throw new TimeoutException($"An instance was not ready within {within.TotalSeconds:0} s:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(BaseAddress, "/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }
    }

    private void Keep(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            _output.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A clean stop (stdin closed: drain, release the claims); killed when it takes longer than 15 s.</summary>
    public ValueTask DisposeAsync() => new(SelfProcess.StopAsync(_process));
}
