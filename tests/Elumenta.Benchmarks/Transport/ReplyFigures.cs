using System.Globalization;
using ElumentaBot.Sandbox;

namespace Elumenta.Benchmarks.Transport;

/// <summary>The figures of one webhook run, from the fake's sendMessage log (each reply's text is its update id).</summary>
internal sealed record ReplyFigures(
    int Instances, int Total, double Seconds, double PerSecond, double P50, double P99, int Violations, int Duplicates, int Missing, PostLog Posts)
{
    /// <summary>CPU time the instance processes used over the run (all instances together).</summary>
    public TimeSpan InstanceCpu { get; init; }

    public bool Correct => Violations == 0 && Duplicates == 0 && Missing == 0 && Posts.GaveUp == 0;

    public static ReplyFigures From(int instances, int total, IReadOnlyList<FakeCall> replies, PostLog posts)
    {
        var ids = replies.Select(r => int.Parse(r.String("text")!, CultureInfo.InvariantCulture)).ToList();
        var distinct = ids.Distinct().Count();
        var latencies = replies.Zip(ids, (r, id) => (r, id))
            .GroupBy(x => x.id).Select(g => (g.Min(x => x.r.At) - posts.FirstPostAt[g.Key]).TotalMilliseconds).Order().ToList();
        // As the polling harness counts them: adjacent inversions in each chat's replies in arrival order.
        var violations = replies.Zip(ids, (r, id) => (Chat: r.Long("chat_id"), Id: id)).GroupBy(x => x.Chat)
            .Sum(g => g.Zip(g.Skip(1), (a, b) => a.Id > b.Id ? 1 : 0).Sum());
        var first = posts.FirstPostAt.Values.Min();
        var seconds = replies.Count == 0 ? 0 : (replies.Max(r => r.At) - first).TotalSeconds;
        return new ReplyFigures(instances, total, seconds, distinct / Math.Max(seconds, 1e-9),
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), violations, ids.Count - distinct, total - distinct, posts);
    }

    public void Print(int chats, int perChat)
    {
        Console.WriteLine($"transport (webhook, {Instances} instance{(Instances == 1 ? "" : "s")}, postgres): {chats} chats x {perChat} updates = {Total} updates in {Seconds:0.00} s");
        Console.WriteLine($"  throughput       {PerSecond:0} updates/s (first POST -> last reply received)");
        Console.WriteLine($"  latency p50      {P50:0.0} ms (POST start -> reply arrival)");
        Console.WriteLine($"  latency p99      {P99:0.0} ms");
        var accepted = Posts.AcceptedMs.Order().ToList();
        Console.WriteLine($"  POST -> 200 p50  {Percentile(accepted, 0.50):0.0} ms, p99 {Percentile(accepted, 0.99):0.0} ms (stored in the inbox)");
        Console.WriteLine($"  instance CPU     {InstanceCpu.TotalSeconds:0.0} s ({InstanceCpu.TotalMilliseconds / Total:0.00} ms per update)");
        Console.WriteLine($"  order violations {Violations}");
        Console.WriteLine($"  duplicates       {Duplicates}");
        Console.WriteLine($"  missing          {Missing}");
        var failures = Posts.Failures.Count == 0 ? "" : " (" + string.Join(", ", Posts.Failures.Select(f => $"{f.Key}: {f.Value}")) + ")";
        Console.WriteLine($"  POST retries     {Posts.Retries}{failures}{(Posts.GaveUp > 0 ? $", {Posts.GaveUp} given up" : "")}");
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
