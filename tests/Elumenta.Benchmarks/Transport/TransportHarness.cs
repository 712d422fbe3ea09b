using System.Diagnostics;
using System.Globalization;
using ElumentaBot.Hosting;
using ElumentaBot.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Elumenta.Benchmarks.Transport;

/// <summary>
/// The real host pipeline (poll → inbox → per-chat dispatch → reply) against the fake Bot API over
/// loopback: N chats × M updates, a handler that replies with the update id. Pacing is disabled here:
/// with it on, Telegram's ~30 messages/s would be the figure measured.
/// </summary>
internal static class TransportHarness
{
    private const string Token = "4242:benchmark-token-not-a-secret";

    public static async Task<int> RunAsync(string[] args)
    {
        var chats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var perChat = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var total = chats * perChat;
        var dir = Path.Combine(Path.GetTempPath(), "elumenta-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);

        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(Token);
        for (var round = 0; round < perChat; round++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                fake.SendText(chat, "ping");
            }
        }

        // --store postgres: the same on a throwaway PostgreSQL cluster with its default durability (coordination on:
        // the polling lease, chat claims in every store transaction, the claim sweep).
        var postgres = args.Contains("--store") && args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault() == "postgres";
        if (postgres)
        {
            Environment.SetEnvironmentVariable("ELUMENTA_PG_DURABLE", "1");
        }

        var storage = postgres
            ? new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["ConnectionStrings:Elumenta"] = await (await Elumenta.Tests.Shared.PostgresCluster.SharedAsync()).CreateDatabaseAsync(),
            }
            : new Dictionary<string, string?> { ["ConnectionStrings:Elumenta"] = Path.Combine(dir, "bench.db") };
        var builder = BotHost.CreateBuilder([], c => c.AddInMemoryCollection(storage).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:Pacing:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        }));
        builder.Services.AddReplyRoute();
        using var host = builder.Build();

        var watch = Stopwatch.StartNew();
        await host.StartAsync();
        while (fake.CallsTo("sendMessage").Count < total)
        {
            if (watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                Console.WriteLine($"timed out with {fake.CallsTo("sendMessage").Count} of {total} replies");
                return 1;
            }

            await Task.Delay(20);
        }

        watch.Stop();
        await host.StopAsync();

        var replies = fake.CallsTo("sendMessage");
        var delivered = fake.DeliveredAt;
        var latencies = replies.Select(r => (r.At - delivered[int.Parse(r.String("text")!, CultureInfo.InvariantCulture)]).TotalMilliseconds).Order().ToList();
        var violations = replies.GroupBy(r => r.Long("chat_id"))
            .Sum(g => g.Select(r => int.Parse(r.String("text")!, CultureInfo.InvariantCulture)).Zip(g.Skip(1).Select(r => int.Parse(r.String("text")!, CultureInfo.InvariantCulture)), (a, b) => a > b ? 1 : 0).Sum());

        Console.WriteLine($"transport: {chats} chats x {perChat} updates = {total} updates in {watch.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"  throughput      {total / watch.Elapsed.TotalSeconds:0} updates/s (update delivered -> reply received, host start included)");
        Console.WriteLine($"  latency p50     {Percentile(latencies, 0.50):0.0} ms (getUpdates delivery -> reply arrival; all updates queued up front)");
        Console.WriteLine($"  latency p99     {Percentile(latencies, 0.99):0.0} ms");
        Console.WriteLine($"  order violations {violations}");
        Directory.Delete(dir, recursive: true);
        return violations == 0 ? 0 : 2;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
