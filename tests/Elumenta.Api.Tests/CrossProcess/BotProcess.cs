extern alias bot;
using System.Collections.Concurrent;
using System.Diagnostics;
using FakeBotApiServer = bot::ElumentaBot.Sandbox.FakeBotApiServer;

namespace Elumenta.Api.Tests.CrossProcess;

/// <summary>The real ElumentaBot.dll (copied beside the tests by the project reference) as a process, against a fake Bot API on loopback.</summary>
internal sealed class BotProcess : IDisposable
{
    /// <summary>Shaped as the bot requires (digits:secret), nothing like a real one.</summary>
    public const string Token = "4242:cross-process-test-token-not-real";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private BotProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public static BotProcess Start(FakeBotApiServer server, string databasePath, string resultsPath, IDictionary<string, string>? settings = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ElumentaBot.dll"));
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["Telegram__BotToken"] = Token;
        start.Environment["Telegram__ApiBaseUrl"] = server.BaseUrl.ToString();
        start.Environment["Telegram__PollTimeoutSeconds"] = "1";
        start.Environment["Telegram__Pacing__Enabled"] = "false";
        start.Environment["Scheduler__Enabled"] = "false";
        start.Environment["Providers__Mode"] = "Simulated";
        start.Environment["Providers__Jobs__ResultsPath"] = resultsPath;
        start.Environment["ConnectionStrings__Elumenta"] = databasePath;
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new BotProcess(Process.Start(start)!);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: no shutdown, no flush, nothing released — as a crashed machine would leave it.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
