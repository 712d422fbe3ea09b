using System.Diagnostics;
using System.Text;
using Elumenta.Tests.Shared;
using ElumentaBot.Sandbox;

namespace Elumenta.Benchmarks.Transport;

/// <summary>
/// One measurement of the webhook harness: a fresh database, a fresh fake Bot API and N fresh instances; a warm-up
/// through all of them, then the clock runs from the first measured POST to the last reply.
/// </summary>
internal sealed class WebhookRun(PostgresCluster cluster, int chats, int perChat, int posters, int warmUpChats)
{
    private const string Token = "4242:benchmark-token-not-a-secret";
    // Chat ids of the warm-up, apart from the measured chats 1..chats.
    private const long WarmUpChat = 1_000_000;
    private const int WarmUpPerChat = 4;

    public async Task<ReplyFigures> MeasureAsync(int count)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(Token);
        // Queued first, so the warm-up ids are all below the measured ones.
        var warmUp = Queue(fake, WarmUpChat, warmUpChats, WarmUpPerChat);
        var measured = Queue(fake, 1, chats, perChat);
        var secret = "bench_" + Guid.NewGuid().ToString("N");
        var database = await cluster.CreateDatabaseAsync();
        await cluster.CheckpointAsync();
        var settings = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Elumenta"] = database,
            ["Telegram__BotToken"] = Token,
            ["Telegram__ApiBaseUrl"] = server.BaseUrl.ToString(),
            ["Telegram__WebhookSecret"] = secret,
            ["Telegram__Pacing__Enabled"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
            // As the shipped bot runs (ElumentaBot.csproj): this executable's own runtimeconfig has tier-0 JIT on.
            ["DOTNET_TC_QuickJit"] = "0",
        };
        var bots = new List<WebhookInstance>();
        try
        {
            // Started side by side: the migrations run once, under their advisory lock.
            var starting = Enumerable.Range(0, count).Select(_ => WebhookInstance.StartAsync(settings, TimeSpan.FromSeconds(90))).ToList();
            try
            {
                bots.AddRange(await Task.WhenAll(starting));
            }
            catch
            {
                bots.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
                throw;
            }

            List<Uri> webhooks = [.. bots.Select(b => b.Webhook)];
            // Each process compiles its own code: without a warm-up a second instance would be charged a second JIT,
            // which a long-running deployment pays once.
            await new WebhookLoad(webhooks, secret, posters).RunAsync(warmUp);
            if (!await WaitForRepliesAsync(fake, warmUpChats * WarmUpPerChat, measuredOnly: false, TimeSpan.FromMinutes(1)))
            {
                Console.WriteLine("  the warm-up was not answered within a minute");
            }

            var cpu = Cpu(bots);
            var posts = await new WebhookLoad(webhooks, secret, posters).RunAsync(measured);
            var total = chats * perChat;
            await WaitForRepliesAsync(fake, total, measuredOnly: true, TimeSpan.FromMinutes(3));
            cpu = Cpu(bots) - cpu;
            // A second reply to one update (run on both instances) would follow within a sweep or two.
            await Task.Delay(1000);
            var replies = fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") < WarmUpChat).ToList();
            return ReplyFigures.From(count, total, replies, posts) with { InstanceCpu = cpu };
        }
        finally
        {
            await Task.WhenAll(bots.Select(b => b.DisposeAsync().AsTask()));
            PrintOutput(bots);
            await cluster.DropDatabaseAsync(database);
        }
    }

    /// <summary>Ids as Telegram numbers them: increasing, each chat's in order, the chats interleaved.</summary>
    private static List<List<(int Id, byte[] Body)>> Queue(FakeBot fake, long firstChat, int chatCount, int updatesPerChat)
    {
        var updates = Enumerable.Range(0, chatCount).Select(_ => new List<(int Id, byte[] Body)>()).ToList();
        for (var round = 0; round < updatesPerChat; round++)
        {
            for (var chat = 0; chat < chatCount; chat++)
            {
                var id = fake.SendText(firstChat + chat, "ping");
                updates[chat].Add((id, Encoding.UTF8.GetBytes(fake.UpdateJson(id))));
            }
        }

        return updates;
    }

    private static async Task<bool> WaitForRepliesAsync(FakeBot fake, int expected, bool measuredOnly, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < within)
        {
            var replied = fake.CallsTo("sendMessage").Where(c => !measuredOnly || c.Long("chat_id") < WarmUpChat).Select(c => c.String("text")).Distinct().Count();
            if (replied >= expected)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private static TimeSpan Cpu(List<WebhookInstance> bots) => bots.Aggregate(TimeSpan.Zero, (sum, b) => sum + b.Cpu);

    /// <summary>The instances log at Warning and above: anything they printed is worth seeing.</summary>
    private static void PrintOutput(List<WebhookInstance> bots)
    {
        foreach (var (bot, n) in bots.Select((b, i) => (b, i + 1)).Where(x => x.b.Output.Count > 0))
        {
            Console.WriteLine($"  instance {n} printed {bot.Output.Count} lines, the first:");
            foreach (var line in bot.Output.Take(8))
            {
                Console.WriteLine("    " + line);
            }
        }
    }
}
