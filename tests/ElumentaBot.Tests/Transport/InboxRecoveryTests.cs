using ElumentaBot.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Transport;

public sealed class InboxRecoveryTests
{
    [Fact]
    public async Task Crash_between_inboxing_and_handling_loses_nothing_and_handles_nothing_twice()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var db = BotHarness.NewDatabasePath();
        var fake = server.Bot(BotHarness.Token);
        var first = Enumerable.Range(0, 10).Select(i => fake.SendText(100 + (i % 3), $"m{i}")).ToList();

        // Run 1: every handler hangs, so updates reach the inbox but none finishes; then the host goes down.
        var stuck = new Probe { OnMessage = (_, ct) => Task.Delay(Timeout.Infinite, ct) };
        await using (var run1 = await StartAsync(server, db, stuck))
        {
            await BotHarness.WaitUntilAsync(async () => await run1.QueryAsync<long>("SELECT COUNT(*) FROM update_inbox") == 10,
                TimeSpan.FromSeconds(10), "all 10 updates are inboxed");
            await run1.StopAsync();
            Assert.Equal(10, await run1.QueryAsync<long>("SELECT COUNT(*) FROM update_inbox WHERE status = 'pending'"));
            Assert.Empty(stuck.HandledCount);
        }

        // Telegram may redeliver the unconfirmed batch, and new updates arrive meanwhile.
        fake.Redeliver(first);
        var second = Enumerable.Range(0, 5).Select(i => fake.SendText(200 + i, $"n{i}")).ToList();

        var probe = new Probe();
        await using (var run2 = await StartAsync(server, db, probe))
        {
            await BotHarness.WaitUntilAsync(() => probe.HandledCount.Count == 15, TimeSpan.FromSeconds(10), "15 updates are handled");
            fake.Redeliver([.. first, .. second]);
            await fake.WaitForCallsAsync("getUpdates", fake.CallsTo("getUpdates").Count + 2, TimeSpan.FromSeconds(10));
            await BotHarness.WaitUntilAsync(async () => await run2.QueryAsync<long>("SELECT COUNT(*) FROM update_inbox WHERE status = 'done'") == 15,
                TimeSpan.FromSeconds(5), "all 15 are marked done");
        }

        // Run 3 on the same file: nothing is pending, and another redelivery changes nothing.
        fake.Redeliver([.. first, .. second]);
        await using (var run3 = await StartAsync(server, db, probe))
        {
            await fake.WaitForCallsAsync("getUpdates", fake.CallsTo("getUpdates").Count + 2, TimeSpan.FromSeconds(10));
            Assert.Equal(second.Max() + 1, await run3.QueryAsync<long>("SELECT next_offset FROM polling_state"));
        }

        Assert.Equal([.. first, .. second], probe.HandledCount.Keys.Order());
        Assert.All(probe.HandledCount.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task A_failing_update_is_retried_a_bounded_number_of_times_then_marked_failed_without_stopping_the_loop()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(BotHarness.Token);
        var logs = new CapturingLoggerProvider();
        var probe = new Probe
        {
            OnMessage = (ctx, _) => ctx.Message!.Text == "boom" ? throw new InvalidOperationException("handler exploded") : Task.CompletedTask,
        };
        await using var bot = await StartAsync(server, null, probe, logs);
        var bad = fake.SendText(300, "boom");
        var good = fake.SendText(300, "fine");

        await BotHarness.WaitUntilAsync(() => probe.HandledCount.ContainsKey(good), TimeSpan.FromSeconds(10), "the next update of the chat runs");
        Assert.Equal("failed", await bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @bad", new { bad }));
        Assert.Equal(3, await bot.QueryAsync<long>("SELECT attempts FROM update_inbox WHERE update_id = @bad", new { bad }));
        Assert.Equal(3, logs.Entries.Count(e => e.Exception?.Contains("handler exploded", StringComparison.Ordinal) == true
            && e.Message.StartsWith($"Update {bad}", StringComparison.Ordinal)));
    }

    internal static Task<BotHarness> StartAsync(FakeBotApiServer server, string? db, Probe probe, CapturingLoggerProvider? logs = null,
        IDictionary<string, string?>? settings = null) =>
        BotHarness.StartAsync(server, db, settings, services =>
        {
            services.AddTextProbe(probe);
            services.AddPreCheckoutProbe();
        }, logs);
}
