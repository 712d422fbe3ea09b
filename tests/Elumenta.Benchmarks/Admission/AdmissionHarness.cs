using Elumenta.Tests.Shared;
using static Elumenta.Benchmarks.Admission.AdmissionLoad;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// <c>admission --store postgres [--instances N | --pair R] [--pool P | --pool-total P]</c>: the admission load from N instance processes on one
/// database of the throwaway cluster, the callers split evenly between them (the same offered concurrency for any N).
/// <c>--pair R</c> measures one and two instances alternately, R rounds in ABBA order, and prints each round's ratio and their median. Every
/// measurement has its own database and accounts. <c>--pool P</c>: each instance's connection pool size; <c>--pool-total P</c>: P connections shared out between the instances.
/// </summary>
internal static class AdmissionHarness
{
    public static async Task<int> RunAsync(string[] args, int callers, int seconds, int accounts, string plan, int instances)
    {
        var pair = ArgValue(args, "--pair", 0);
        if (instances > callers)
        {
            Console.WriteLine($"--instances {instances} would leave instances without callers ({callers})");
            return 1;
        }

        // Before the cluster starts: a benchmark keeps PostgreSQL's durability (the tests turn fsync off).
        Environment.SetEnvironmentVariable("ELUMENTA_PG_DURABLE", "1");
        var run = new AdmissionRun(await PostgresCluster.SharedAsync(), LoadCatalog(), callers, seconds, accounts, plan,
            Value(args, "--pool") is { } pool ? int.Parse(pool, System.Globalization.CultureInfo.InvariantCulture) : null,
            Value(args, "--pool-total") is { } total ? int.Parse(total, System.Globalization.CultureInfo.InvariantCulture) : null);
        Console.WriteLine($"admission benchmark: {callers} callers split over instance processes, {accounts} accounts on {plan}, {seconds} s, PostgreSQL (durable) on a throwaway cluster");
        if (pair == 0)
        {
            var figures = await run.MeasureAsync(instances);
            figures.Print();
            return figures.Correct ? 0 : 2;
        }

        var rounds = await PairRounds.RunAsync(pair, run.MeasureAsync, f => f.Print(), f => f.PerSecond);

        Console.WriteLine("| round | 1 process admissions+captures/s | p50 / p99 ms | retries | 2 processes admissions+captures/s | p50 / p99 ms | retries | two / one | correct (1 / 2) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var ((one, two), n) in rounds.Select((r, i) => (r, i + 1)))
        {
            Console.WriteLine($"| {n} | {one.PerSecond:0} | {one.P50:0.0} / {one.P99:0.0} | {one.Retries} | {two.PerSecond:0} | {two.P50:0.0} / {two.P99:0.0} | {two.Retries} "
                + $"| {two.PerSecond / one.PerSecond:0.00} | {(one.Correct ? "yes" : "NO")} / {(two.Correct ? "yes" : "NO")} |");
        }

        PairRounds.PrintMedian(rounds, f => f.PerSecond);
        return rounds.All(r => r.One.Correct && r.Two.Correct) ? 0 : 2;
    }
}
