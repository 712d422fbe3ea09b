using System.Diagnostics;
using System.Globalization;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Transport;

/// <summary>The published bot (ElumentaBot.dll beside the tests) as a real process, against a fake Bot API on loopback.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;

    private BotProcess(Process process) => _process = process;

    public static BotProcess Start(FakeBotApiServer server, string databasePath, long adminId)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ElumentaBot.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Telegram__BotToken"] = BotHarness.Token;
        start.Environment["Telegram__ApiBaseUrl"] = server.BaseUrl.ToString();
        start.Environment["Telegram__PollTimeoutSeconds"] = "1";
        start.Environment["Telegram__Pacing__Enabled"] = "false";
        start.Environment["Telegram__AdminUserIds__0"] = adminId.ToString(CultureInfo.InvariantCulture);
        start.Environment["Scheduler__Enabled"] = "false";
        start.Environment["ConnectionStrings__Elumenta"] = databasePath;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new BotProcess(process);
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, exactly what a power cut or an OOM kill does.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}
