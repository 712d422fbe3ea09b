using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using static Elumenta.Benchmarks.Admission.AdmissionLoad;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// One instance's figures: measured round trips, generations admitted over its whole life (warm-up too, for the
/// parent's check against the database), those refused (a limit, tokens), the measured seconds, serialization retries, CPU and every latency in µs.
/// </summary>
internal sealed record InstanceResult(int Calls, int Admitted, int Refused, int Busy, double Seconds, long Retries, double CpuSeconds, int[] LatenciesMicros)
{
    public RuntimeCounters? Runtime { get; init; }
}

/// <summary>The instance process itself: <c>Elumenta.Benchmarks admission-instance --pg … --callers C …</c>.</summary>
internal sealed partial class AdmissionInstance
{
    public const string Subcommand = "admission-instance";

    /// <summary>The arguments of instance <paramref name="index"/> of <paramref name="count"/> sharing the load's callers.</summary>
    public static string[] Arguments(string connectionString, int callers, int index, int count, int seconds, long firstId, long lastId)
    {
        var mine = (callers - index + count - 1) / count;
        return
        [
            "--pg", connectionString, "--callers", Text(mine), "--offset", Text(index), "--stride", Text(count),
            "--seconds", Text(seconds), "--first-id", Text(firstId), "--last-id", Text(lastId),
        ];
    }

    public static async Task<int> RunChildAsync(string[] args)
    {
        var callers = ArgValue(args, "--callers", 32);
        var (offset, stride) = (ArgValue(args, "--offset", 0), ArgValue(args, "--stride", 1));
        var seconds = ArgValue(args, "--seconds", 10);
        var first = long.Parse(Value(args, "--first-id")!, CultureInfo.InvariantCulture);
        var last = long.Parse(Value(args, "--last-id")!, CultureInfo.InvariantCulture);
        var ids = Enumerable.Range(0, checked((int)(last - first + 1))).Select(i => first + i).ToArray();
        var catalog = LoadCatalog();
        var clock = TimeProvider.System;
        await using var store = new PostgresStore(Value(args, "--pg")!);
        Core.Generations.Admission[] admissions = [new(store, catalog, clock)];
        GenerationStore[] generations = [new(store, clock)];

        // Each process compiles its own code and fills its own pool: warmed up before the common start, until tiered
        // JIT has finished, as in a long-running instance (measured: with a fixed 4 s, two processes — each at half
        // the rate, so slower to reach the call counts — still compiled ~250 methods each in the measured run, one
        // process ~150).
        var warm = await WarmUpAsync(admissions, generations, ids, callers, offset, stride);
        // The parent answers with the most steps any instance's warm-up made: all callers go on from there together,
        // as one process's would (instances going on from their own steps would meet on accounts at the same step).
        Console.WriteLine(ReadyPrefix + Text(warm.Steps));
        if (await Console.In.ReadLineAsync() is not { } go || !go.StartsWith(GoPrefix, StringComparison.Ordinal))
        {
            return 1;
        }

        var (retries, cpu, runtime) = (store.Retries, Process.GetCurrentProcess().TotalProcessorTime, RuntimeCounters.Now());
        var latencies = new List<double>[callers];
        var stop = Stopwatch.StartNew();
        var counts = await RunCallersAsync(admissions, generations, ids, callers, TimeSpan.FromSeconds(seconds), latencies, offset, stride, int.Parse(go.AsSpan(GoPrefix.Length), CultureInfo.InvariantCulture));
        var elapsed = stop.Elapsed.TotalSeconds;
        var refused = warm.Calls - warm.Admitted - warm.Busy + counts.Calls - counts.Admitted - counts.Busy;
        var result = new InstanceResult(counts.Calls, warm.Admitted + counts.Admitted, refused, warm.Busy + counts.Busy, elapsed, store.Retries - retries,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds,
            [.. latencies.SelectMany(l => l).Select(ms => (int)Math.Round(ms * 1000))]) { Runtime = RuntimeCounters.Now().Since(runtime) };
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        // Connected until the parent closes stdin: it reads the backends' CPU after the results.
        while (await Console.In.ReadLineAsync() is not null)
        {
        }

        return 0;
    }

    /// <summary>Runs the callers in 1 s chunks until a chunk compiles fewer than 3 methods (at least 4 s, at most 20 s).</summary>
    private static async Task<Counts> WarmUpAsync(Core.Generations.Admission[] admissions, GenerationStore[] generations, long[] ids, int callers, int offset, int stride)
    {
        var warm = new Counts(0, 0, 0, 0);
        var watch = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (true)
        {
            var chunk = await RunCallersAsync(admissions, generations, ids, callers, TimeSpan.FromSeconds(1), latencies: null, offset, stride, warm.Steps);
            warm = new Counts(warm.Calls + chunk.Calls, warm.Admitted + chunk.Admitted, warm.Busy + chunk.Busy, warm.Steps + chunk.Steps);
            var (before, now) = (compiled, System.Runtime.JitInfo.GetCompiledMethodCount());
            compiled = now;
            if ((now - before < 3 && watch.Elapsed >= TimeSpan.FromSeconds(4)) || watch.Elapsed >= TimeSpan.FromSeconds(20))
            {
                return warm;
            }
        }
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
