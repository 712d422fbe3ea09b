using System.Diagnostics;
using Elumenta.Core.Accounts;
using Elumenta.Core.Payments;
using ElumentaBot.Sandbox;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot;

namespace ElumentaBot.Tests.Transport;

public sealed class DispatchTests
{
    [Fact]
    public async Task Each_chat_runs_in_update_order_while_chats_run_concurrently()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(BotHarness.Token);
        var totalDelayMs = 0L;
        var probe = new Probe
        {
            OnMessage = async (_, ct) =>
            {
                var ms = Random.Shared.Next(0, 30);
                Interlocked.Add(ref totalDelayMs, ms);
                await Task.Delay(ms, ct);
            },
        };
        const int chats = 20, perChat = 15;
        for (var i = 0; i < perChat; i++)
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                fake.SendText(chat * 1000, $"{i}");
            }
        }

        var watch = Stopwatch.StartNew();
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, probe);
        await BotHarness.WaitUntilAsync(() => probe.HandledCount.Count == chats * perChat, TimeSpan.FromSeconds(20), "all updates are handled");
        watch.Stop();

        foreach (var chat in probe.Order.GroupBy(o => o.Chat))
        {
            var ids = chat.Select(o => o.UpdateId).ToList();
            Assert.Equal(ids.Order(), ids);
            Assert.Equal(perChat, ids.Count);
        }

        Assert.True(probe.MaxRunning > 1, "handlers of different chats overlapped");
        Assert.True(watch.ElapsedMilliseconds < totalDelayMs / 2, $"took {watch.ElapsedMilliseconds} ms for {totalDelayMs} ms of sequential work");
    }

    [Fact]
    public async Task A_slow_chat_does_not_delay_the_pre_checkout_answer()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(BotHarness.Token);
        var probe = new Probe { OnMessage = (_, ct) => Task.Delay(TimeSpan.FromSeconds(15), ct) };
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, probe,
            settings: new Dictionary<string, string?> { ["Telegram:ShutdownDeadlineSeconds"] = "1", ["Telegram:MaxConcurrentUpdates"] = "1" });
        fake.SendText(42, "a long generation");
        fake.SendText(43, "another chat fills the only slot");
        await BotHarness.WaitUntilAsync(() => probe.Running == 1, TimeSpan.FromSeconds(5), "the chat handler is busy");

        // A real open order: the payments layer judges every pre-checkout against the store.
        var account = await bot.Host.Services.GetRequiredService<AccountService>().GetOrCreateAsync(new TelegramUserInfo(42, null, "Test", "en"));
        var order = await bot.Host.Services.GetRequiredService<OrderService>().CreateAsync(account.Account.Id, OrderKind.Package, "start");
        var query = fake.SendPreCheckoutQuery(42, order!.Id, order.Stars);
        await BotHarness.WaitUntilAsync(() => fake.DeliveredAt.ContainsKey(query), TimeSpan.FromSeconds(5), "the query is delivered");
        var answers = await fake.WaitForCallsAsync("answerPreCheckoutQuery", 1, TimeSpan.FromSeconds(2));

        var answer = Assert.Single(answers);
        Assert.True(answer.At - fake.DeliveredAt[query] < TimeSpan.FromSeconds(1), $"answered after {answer.At - fake.DeliveredAt[query]}");
        Assert.Equal("true", answer.String("ok"));
        Assert.Empty(probe.HandledCount);
    }

    [Fact]
    public async Task Shutdown_lets_in_flight_updates_finish_within_the_deadline_and_leaves_the_rest_pending()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(BotHarness.Token);
        var probe = new Probe { OnMessage = (ctx, ct) => Task.Delay(ctx.Message!.Text == "quick" ? 300 : 60_000, ct) };
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, probe,
            settings: new Dictionary<string, string?> { ["Telegram:ShutdownDeadlineSeconds"] = "2" });
        var quick = fake.SendText(1, "quick");
        var slow = fake.SendText(2, "slow");
        var queued = fake.SendText(2, "queued behind slow");
        await BotHarness.WaitUntilAsync(() => probe.Running == 2, TimeSpan.FromSeconds(5), "both chats are busy");

        await bot.StopAsync();

        Assert.Equal("done", await bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @quick", new { quick }));
        Assert.Equal(2, await bot.QueryAsync<long>("SELECT COUNT(*) FROM update_inbox WHERE status = 'pending' AND update_id IN (@slow, @queued)", new { slow, queued }));
        Assert.Equal(0, await bot.QueryAsync<long>("SELECT attempts FROM update_inbox WHERE update_id = @slow", new { slow }));
    }

    [Fact]
    public void Update_kinds_and_chat_keys_cover_every_allowed_type()
    {
        Assert.Contains("stopped_message_generation", UpdateKinds.Allowed);
        Assert.Contains("subscription", UpdateKinds.Allowed);
        var query = new Update { Id = 1, PreCheckoutQuery = new Telegram.Bot.Types.Payments.PreCheckoutQuery { Id = "q", From = new User { Id = 5 }, Currency = "XTR", InvoicePayload = "p" } };
        Assert.Equal((UpdateKinds.PreCheckoutQuery, 5L), (UpdateKinds.KindOf(query), UpdateKinds.ChatKeyOf(query)));
        var inaccessible = RawUpdate.ParseUpdate("""{"update_id":2,"callback_query":{"id":"c","from":{"id":6,"is_bot":false,"first_name":"A"},"chat_instance":"i","message":{"message_id":3,"date":0,"chat":{"id":-7,"type":"group"}}}}""");
        Assert.Equal(-7L, UpdateKinds.ChatKeyOf(inaccessible));
        Assert.False(inaccessible.CallbackQuery!.Message!.IsAccessible());
        var inline = RawUpdate.ParseUpdate("""{"update_id":3,"inline_query":{"id":"i","from":{"id":8,"is_bot":false,"first_name":"A"},"query":"hi","offset":""}}""");
        Assert.Equal((UpdateKinds.InlineQuery, 8L), (UpdateKinds.KindOf(inline), UpdateKinds.ChatKeyOf(inline)));
    }
}
