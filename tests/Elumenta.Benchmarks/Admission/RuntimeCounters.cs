using System.Diagnostics;
using System.Globalization;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// What one instance process spent over its measured run, beside its CPU: user and kernel time, context switches
/// (from <c>/proc/self/status</c>; zero elsewhere), thread-pool work items, lock contentions, collections and methods
/// compiled. Per admission, they show where a second instance's extra CPU goes.
/// </summary>
internal sealed record RuntimeCounters(double UserSeconds, double SystemSeconds, long VoluntarySwitches, long InvoluntarySwitches,
    long WorkItems, long LockContentions, int Gen0, int Gen1, int Gen2, long JittedMethods, int Threads)
{
    public static RuntimeCounters Now()
    {
        using var self = Process.GetCurrentProcess();
        var (voluntary, involuntary) = Switches();
        return new RuntimeCounters(self.UserProcessorTime.TotalSeconds, self.PrivilegedProcessorTime.TotalSeconds, voluntary, involuntary,
            ThreadPool.CompletedWorkItemCount, Monitor.LockContentionCount, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
            System.Runtime.JitInfo.GetCompiledMethodCount(), self.Threads.Count);
    }

    public RuntimeCounters Since(RuntimeCounters before) => new(UserSeconds - before.UserSeconds, SystemSeconds - before.SystemSeconds,
        VoluntarySwitches - before.VoluntarySwitches, InvoluntarySwitches - before.InvoluntarySwitches, WorkItems - before.WorkItems,
        LockContentions - before.LockContentions, Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, JittedMethods - before.JittedMethods, Threads);

    public static RuntimeCounters Sum(IEnumerable<RuntimeCounters> all) => all.Aggregate(new RuntimeCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), (a, b) => new(
        a.UserSeconds + b.UserSeconds, a.SystemSeconds + b.SystemSeconds, a.VoluntarySwitches + b.VoluntarySwitches, a.InvoluntarySwitches + b.InvoluntarySwitches,
        a.WorkItems + b.WorkItems, a.LockContentions + b.LockContentions, a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.JittedMethods + b.JittedMethods, a.Threads + b.Threads));

    /// <summary>One line: per admission where a count is per work, and the totals of collections, methods and threads.</summary>
    public string Describe(int calls)
    {
        double Per(double value) => value / Math.Max(1, calls);
        return string.Create(CultureInfo.InvariantCulture,
            $"user {1e3 * Per(UserSeconds):F2} ms, kernel {1e3 * Per(SystemSeconds):F2} ms, context switches {Per(VoluntarySwitches):F1} + {Per(InvoluntarySwitches):F1} forced, "
            + $"work items {Per(WorkItems):F1}, lock contentions {Per(LockContentions):F2} per admission; collections {Gen0}/{Gen1}/{Gen2}, methods compiled {JittedMethods}, threads {Threads}");
    }

    // Summed over the process's threads: /proc/self/status counts only the main thread's, which waits on stdin.
    private static (long Voluntary, long Involuntary) Switches()
    {
        long voluntary = 0, involuntary = 0;
        try
        {
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                try
                {
                    var lines = File.ReadAllLines(Path.Combine(task, "status"));
                    voluntary += Field(lines, "voluntary_ctxt_switches");
                    involuntary += Field(lines, "nonvoluntary_ctxt_switches");
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, 0);
        }

        return (voluntary, involuntary);
    }

    private static long Field(string[] lines, string name) =>
        lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } line ? long.Parse(line[(name.Length + 1)..].Trim(), CultureInfo.InvariantCulture) : 0;
}
