using static Elumenta.Benchmarks.Admission.AdmissionLoad;

namespace Elumenta.Benchmarks.Admission;

/// <summary>One measurement's figures, summed over its instances, and the database check.</summary>
internal sealed record AdmissionFigures(int Instances, int Calls, int Admitted, int Refused, int Busy, double Seconds, double P50, double P99, double Max, long Retries, DatabaseCheck Check)
{
    public double InstanceCpu { get; init; }
    public double PostgresCpu { get; init; }
    public double MachineBusy { get; init; }
    public double Steal { get; init; }
    public RuntimeCounters? Runtime { get; init; }

    public double PerSecond => Calls / Seconds;

    /// <summary>Every admitted generation captured once and counted once, no account past its hourly limit, the ledger balanced.</summary>
    public bool Correct => Busy == 0 && Check.Completed == Admitted && Check.NotCompleted == 0 && Check.RateEvents == Admitted
        && (Check.HourlyLimit is not { } limit || Check.MostPerAccount <= limit) && Check.Mismatches == 0;

    public static AdmissionFigures From(int instances, InstanceResult[] results, DatabaseCheck check)
    {
        var all = results.SelectMany(r => r.LatenciesMicros).Order().Select(us => us / 1000.0).ToArray();
        // The instances start within a millisecond of each other: the slowest one's window is the measurement's.
        return new AdmissionFigures(instances, results.Sum(r => r.Calls), results.Sum(r => r.Admitted), results.Sum(r => r.Refused), results.Sum(r => r.Busy), results.Max(r => r.Seconds),
            Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1], results.Sum(r => r.Retries), check);
    }

    public void Print()
    {
        Console.WriteLine($"{Instances} instance process(es): admissions+captures: {Calls:N0} in {Seconds:F1} s = {PerSecond:N0} per second ({2 * PerSecond:N0} write transactions per second)");
        Console.WriteLine($"  latency per admission+capture: p50 {P50:F2} ms, p99 {P99:F2} ms, max {Max:F2} ms; serialization retries: {Retries}");
        Console.WriteLine($"  CPU per admission+capture: instances {1e3 * InstanceCpu / Calls:F2} ms, PostgreSQL backends {1e3 * PostgresCpu / Calls:F2} ms; machine busy {MachineBusy:P0} (all processes on it; stolen by the host {Steal:P0})");
        if (Runtime is { } runtime)
        {
            Console.WriteLine($"  instances: {runtime.Describe(Calls)}");
        }

        Console.WriteLine($"  check: {Check.Completed:N0} completed of {Admitted:N0} admitted (warm-up included), {Check.NotCompleted} other generations, {Check.RateEvents:N0} rate events, "
            + $"most per account {Check.MostPerAccount} (hourly limit {Check.HourlyLimit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}), "
            + $"ledger mismatches {Check.Mismatches}, refused {Refused}: {(Correct ? "correct" : "NOT CORRECT")}");
    }
}
