using System.Globalization;

namespace Elumenta.Benchmarks.Admission;

/// <summary>CPU seconds from <c>/proc</c> (Linux; zero elsewhere): the whole machine's, and given processes'.</summary>
internal static class CpuTime
{
    // USER_HZ, 100 on every Linux this runs on; /proc reports these ticks whatever the kernel's HZ.
    private const double TicksPerSecond = 100;

    /// <summary>
    /// Busy, total and stolen CPU seconds of the machine so far, summed over its cores (idle and iowait are not busy;
    /// steal, the time the hypervisor ran someone else on our cores, is).
    /// </summary>
    public static (double Busy, double Total, double Steal) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(Ticks).ToArray();
            var total = fields.Sum();
            return ((total - fields[3] - fields[4]) / TicksPerSecond, total / TicksPerSecond, fields[7] / TicksPerSecond);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (0, 0, 0);
        }
    }

    /// <summary>User + system CPU seconds of each process still running, by pid.</summary>
    public static Dictionary<int, double> Processes(IEnumerable<int> pids)
    {
        var seconds = new Dictionary<int, double>();
        foreach (var pid in pids)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
                // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                seconds[pid] = (Ticks(fields[11]) + Ticks(fields[12])) / TicksPerSecond;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already.
            }
        }

        return seconds;
    }

    /// <summary>CPU used between two samples; a process first seen in the second is counted from its start.</summary>
    public static double Between(Dictionary<int, double> before, Dictionary<int, double> after) =>
        after.Sum(p => p.Value - before.GetValueOrDefault(p.Key));

    private static double Ticks(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}
