using Dapper;
using ElumentaBot.Sandbox;
using ElumentaBot.Transport;
using Telegram.Bot.Types;
using Telegram.Bot;

namespace ElumentaBot.Tests.Transport;

public sealed class OutboundTests
{
    private static readonly Dictionary<string, string?> NoPolling = new() { ["Telegram:PollingEnabled"] = "false" };

    [Fact]
    public async Task A_429_is_retried_no_earlier_than_retry_after()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        bot.Fake.FloodWait("sendMessage", retryAfter: 1);

        var sent = await bot.Bot.SendMessage(77, "after the flood");

        var calls = bot.Fake.CallsTo("sendMessage");
        Assert.Equal([429, 200], calls.Select(c => c.Status));
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1), $"retried after {calls[1].At - calls[0].At}");
        Assert.Equal("after the flood", sent.Text);
    }

    [Fact]
    public async Task A_burst_of_1000_messages_to_100_chats_never_exceeds_the_pacing_limits()
    {
        // Telegram's shape (burst then a steady per-chat rate, a global window) at a faster scale so CI stays quick.
        const int burst = 3, perSecond = 10, globalLimit = 200, windowMs = 1000;
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?>(NoPolling)
        {
            ["Telegram:Pacing:PrivateBurst"] = $"{burst}",
            ["Telegram:Pacing:PrivatePerSecond"] = $"{perSecond}",
            ["Telegram:Pacing:GlobalLimit"] = $"{globalLimit}",
            ["Telegram:Pacing:GlobalWindowMs"] = $"{windowMs}",
            ["Telegram:Pacing:SafetyMarginMs"] = "50",
        });

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => bot.Bot.SendMessage(1 + (i % 100), $"{i}")));

        var calls = bot.Fake.CallsTo("sendMessage");
        Assert.Equal(1000, calls.Count);
        var all = calls.Select(c => c.At).Order().ToList();
        Assert.True(MaxInWindow(all, TimeSpan.FromMilliseconds(windowMs)) <= globalLimit, $"global max {MaxInWindow(all, TimeSpan.FromMilliseconds(windowMs))}");
        foreach (var chat in calls.GroupBy(c => c.Long("chat_id")))
        {
            var times = chat.Select(c => c.At).Order().ToList();
            foreach (var window in new[] { 100, 300, 700 })
            {
                var allowed = burst + (int)Math.Ceiling(window / 1000.0 * perSecond);
                Assert.True(MaxInWindow(times, TimeSpan.FromMilliseconds(window)) <= allowed, $"chat {chat.Key}: over {allowed} in {window} ms");
            }
        }

        // Per-chat messages keep the order they were sent in.
        Assert.All(calls.GroupBy(c => c.Long("chat_id")), g => Assert.Equal(g.Select(c => int.Parse(c.String("text")!)).Order(), g.Select(c => int.Parse(c.String("text")!))));
    }

    [Fact]
    public async Task A_migrated_group_is_followed_and_a_block_marks_the_account_unreachable()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        bot.Fake.Fail("sendMessage", 400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: -1009999);
        var moved = await bot.Bot.SendMessage(-555, "hello group");
        Assert.Equal(-1009999, moved.Chat.Id);
        Assert.Equal([-555L, -1009999L], bot.Fake.CallsTo("sendMessage").Select(c => c.Long("chat_id")!.Value));

        await bot.Store.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO accounts (telegram_user_id, created_at) VALUES (4242, 0)", transaction: t));
        bot.Fake.Fail("sendMessage", 403, "Forbidden: bot was blocked by the user");
        var ex = await Assert.ThrowsAnyAsync<Telegram.Bot.Exceptions.RequestException>(() => bot.Bot.SendMessage(4242, "are you there?"));
        Assert.True(ex.IsBlocked());
        Assert.Equal(1, await bot.QueryAsync<long>("SELECT blocked_by_user FROM accounts WHERE telegram_user_id = 4242"));
    }

    [Fact]
    public async Task Not_modified_and_too_old_queries_count_as_success()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        bot.Fake.Fail("editMessageText", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");
        bot.Fake.Fail("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired or query ID is invalid");

        Assert.Null(await bot.Bot.EditMessageText(1, 10, "same"));
        await bot.Bot.AnswerCallbackQuery("q1");
        Assert.Equal(10, (await bot.Bot.EditMessageText(1, 10, "new"))!.Id);
    }

    private static int MaxInWindow(List<DateTimeOffset> sorted, TimeSpan window)
    {
        var max = 0;
        for (int i = 0, j = 0; i < sorted.Count; i++)
        {
            while (sorted[i] - sorted[j] >= window)
            {
                j++;
            }

            max = Math.Max(max, i - j + 1);
        }

        return max;
    }
}
