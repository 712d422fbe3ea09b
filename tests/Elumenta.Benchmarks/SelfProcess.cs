using System.Diagnostics;
using System.Reflection;

namespace Elumenta.Benchmarks;

/// <summary>This benchmark executable started again as a child process, with a hidden subcommand, its standard streams redirected.</summary>
internal static class SelfProcess
{
    /// <summary>
    /// The apphost directly, or <c>dotnet Elumenta.Benchmarks.dll</c> when it was started that way (then
    /// <see cref="Environment.ProcessPath"/> is the dotnet host and the entry assembly has to be named).
    /// </summary>
    public static ProcessStartInfo Start(string subcommand)
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        var start = new ProcessStartInfo(processPath);
        if (string.Equals(Path.GetFileNameWithoutExtension(processPath), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            var entry = Assembly.GetEntryAssembly()?.Location is { Length: > 0 } location ? location : Environment.GetCommandLineArgs()[0];
            start.ArgumentList.Add(entry);
        }

        start.ArgumentList.Add(subcommand);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = AppContext.BaseDirectory;
        // Nothing configured in this shell (another checkout's settings) reaches the child; only what the caller sets.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    /// <summary>A clean stop (stdin closed: the child stops its host); killed when it takes longer than 15 s.</summary>
    public static async Task StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.Close();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(grace.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        finally
        {
            process.Dispose();
        }
    }
}
