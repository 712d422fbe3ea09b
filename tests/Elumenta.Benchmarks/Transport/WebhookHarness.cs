using System.Globalization;
using Elumenta.Tests.Shared;

namespace Elumenta.Benchmarks.Transport;

/// <summary>
/// <c>transport chats perChat --store postgres --webhook [--instances N | --pair R] [--posters P] [--warmup C]</c>: the update harness
/// in webhook mode with N bot processes on one PostgreSQL database, this process playing Telegram (the fake Bot API
/// and the load balancer posting the updates). <c>--pair R</c> runs one and two instances alternately, R rounds in ABBA order, and
/// prints each round's ratio. Every measurement has its own database, fake and instances, and is measured after a
/// warm-up of C chats × 4 updates (default 100; 0 for none).
/// </summary>
internal static class WebhookHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var chats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var perChat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var instances = Option(args, "--instances", 1);
        var pair = Option(args, "--pair", 0);
        var posters = Option(args, "--posters", 48);
        var warmUp = Option(args, "--warmup", 100);
        if (Value(args, "--store") != "postgres" || instances is < 1 or > 2)
        {
            Console.WriteLine("webhook mode needs --store postgres (several instances share one database) and --instances 1 or 2");
            return 1;
        }

        // Before the cluster starts: a benchmark keeps PostgreSQL's durability (the tests turn fsync off).
        Environment.SetEnvironmentVariable("ELUMENTA_PG_DURABLE", "1");
        var run = new WebhookRun(await PostgresCluster.SharedAsync(), chats, perChat, posters, warmUp);
        if (pair == 0)
        {
            var figures = await run.MeasureAsync(instances);
            figures.Print(chats, perChat);
            return figures.Correct ? 0 : 2;
        }

        var rounds = await PairRounds.RunAsync(pair, run.MeasureAsync, f => f.Print(chats, perChat), f => f.PerSecond);

        Console.WriteLine("| round | 1 instance updates/s | p50 / p99 ms | 2 instances updates/s | p50 / p99 ms | two / one | violations, duplicates, missing (1 / 2) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var ((one, two), n) in rounds.Select((r, i) => (r, i + 1)))
        {
            Console.WriteLine($"| {n} | {one.PerSecond:0} | {one.P50:0} / {one.P99:0} | {two.PerSecond:0} | {two.P50:0} / {two.P99:0} | {two.PerSecond / one.PerSecond:0.00} " +
                $"| {one.Violations}, {one.Duplicates}, {one.Missing} / {two.Violations}, {two.Duplicates}, {two.Missing} |");
        }

        PairRounds.PrintMedian(rounds, f => f.PerSecond);
        return rounds.All(r => r.One.Correct && r.Two.Correct) ? 0 : 2;
    }

    private static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static int Option(string[] args, string name, int fallback) =>
        Value(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}
