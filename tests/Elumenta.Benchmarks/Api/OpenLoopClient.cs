using System.Diagnostics;

namespace Elumenta.Benchmarks.Api;

/// <summary>What one endpoint did at one arrival rate. Latencies are in milliseconds, sorted.</summary>
internal sealed record LoadRun(string Name, int Rate, double Seconds, double[] Latencies, double[] Lags, IReadOnlyDictionary<int, int> Statuses, int Failures)
{
    public int Sent => Latencies.Length;

    public double Achieved => Statuses.Values.Sum() / Seconds;

    public double Percentile(double p) => Percentile(Latencies, p);

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>
/// An open-loop client: request i is due at start + i / rate whatever happened to the earlier ones, and its
/// latency is measured from when it was due, not from when it was sent. A stalled server therefore shows up as
/// latency of every request scheduled during the stall (no coordinated omission, unlike a closed loop or wrk).
/// </summary>
internal static class OpenLoopClient
{
    public static async Task<LoadRun> RunAsync(string name, HttpClient client, Func<HttpRequestMessage> request, int rate, TimeSpan duration)
    {
        var total = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var lags = new double[total];
        var statuses = new int[total];
        var inflight = new Task[total];
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // A dedicated thread keeps the schedule and never waits for an answer. It sleeps in 1 ms steps (the finest
        // sleep there is), so a request may leave up to ~1 ms late: that lag is reported and counts as latency.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * interval);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                var index = i;
                inflight[i] = Task.Run(() => SendAsync(client, request(), due, index, latencies, lags, statuses));
            }

            scheduled.SetResult();
        }) { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await scheduled.Task;
        await Task.WhenAll(inflight);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(latencies);
        Array.Sort(lags);
        var counts = statuses.Where(s => s > 0).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        return new LoadRun(name, rate, seconds, latencies, lags, counts, statuses.Count(s => s == 0));
    }

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request, long due, int index, double[] latencies, double[] lags, int[] statuses)
    {
        lags[index] = Math.Max(0, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead))
            {
                statuses[index] = (int)response.StatusCode;
            }
        }
        catch (HttpRequestException)
        {
            statuses[index] = 0;
        }
        catch (TaskCanceledException)
        {
            statuses[index] = 0;
        }

        latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
    }
}
