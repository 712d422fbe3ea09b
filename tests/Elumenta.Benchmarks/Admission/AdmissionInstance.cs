using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// One bot instance of the admission benchmark as its own OS process (its own GC, thread pool and connection pool):
/// this executable again with the hidden <c>admission-instance</c> subcommand. It warms up, says <c>ready</c>, waits
/// for <c>go</c> on stdin so that all instances start together, runs its callers, prints one <c>result</c> line and
/// stays connected until stdin closes.
/// </summary>
internal sealed partial class AdmissionInstance : IAsyncDisposable
{
    private const string ReadyPrefix = "ready ";
    private const string GoPrefix = "go ";
    private const string ResultPrefix = "result ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<InstanceResult> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AdmissionInstance(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the instance printed besides its protocol lines (errors, stack traces).</summary>
    public IReadOnlyCollection<string> Output => _output;

    /// <summary>How many steps the instance's warm-up made (see <see cref="AdmissionLoad.RunCallersAsync"/>).</summary>
    public int WarmUpSteps => _ready.Task.Result;

    /// <summary>Starts an instance with these subcommand arguments and waits until it has warmed up.</summary>
    public static async Task<AdmissionInstance> StartAsync(IEnumerable<string> arguments, TimeSpan readyWithin)
    {
        var start = SelfProcess.Start(Subcommand);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var instance = new AdmissionInstance(Process.Start(start) ?? throw new InvalidOperationException("Could not start an instance."));
        try
        {
            await instance.WaitAsync(instance._ready.Task, readyWithin, "ready");
            return instance;
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the measured run, its callers going on from <paramref name="step"/>.</summary>
    public void Go(int step)
    {
        _process.StandardInput.WriteLine(GoPrefix + step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _process.StandardInput.Flush();
    }

    public Task<InstanceResult> ResultAsync(TimeSpan within) => WaitAsync(_result.Task, within, "done");

    private async Task<T> WaitAsync<T>(Task<T> signal, TimeSpan within, string what)
    {
        using var timeout = new CancellationTokenSource(within);
        // WaitForExitAsync also waits for the output to end, so a result printed just before exiting is seen.
        await Task.WhenAny(signal, _process.WaitForExitAsync(timeout.Token));
        if (signal.IsCompleted)
        {
            return await signal;
        }

        var why = _process.HasExited ? $"exited ({_process.ExitCode})" : $"was not {what} within {within.TotalSeconds:0} s";
        throw new InvalidOperationException($"An admission instance {why}:\n{string.Join('\n', _output)}");
    }

    private void Read(string? line)
    {
        if (line is not null && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult(int.Parse(line.AsSpan(ReadyPrefix.Length), System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (line is not null && line.StartsWith(ResultPrefix, StringComparison.Ordinal))
        {
            _result.TrySetResult(JsonSerializer.Deserialize<InstanceResult>(line.AsSpan(ResultPrefix.Length))!);
        }
        else
        {
            Keep(line);
        }
    }

    private void Keep(string? line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>A clean stop (stdin closed); killed when it takes longer than 15 s.</summary>
    public ValueTask DisposeAsync() => new(SelfProcess.StopAsync(_process));
}
