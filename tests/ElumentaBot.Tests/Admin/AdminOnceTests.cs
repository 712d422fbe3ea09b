using Elumenta.Core.Accounts;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;

namespace ElumentaBot.Tests.Admin;

/// <summary>
/// Issue 10, "side effects happen once": an admin write or a support ticket whose reply fails once is retried as an
/// update, and the retry re-sends the stored reply instead of writing again.
/// </summary>
public sealed class AdminOnceTests
{
    private const long Admin = PaymentHarness.AdminId;
    private const long User = 3232;

    [Fact]
    public async Task A_grant_whose_reply_fails_once_grants_once_and_the_admin_gets_the_reply_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var account = (await h.Get<AccountService>().GetOrCreateAsync(new(User, "pavel", "Pavel", "en"))).Account;
        h.Fake.Fail("sendMessage", 502, "Bad Gateway", times: 1);

        var update = h.Fake.SendText(Admin, $"/grant {User} 25");
        await h.WaitHandledAsync(update);

        var expected = $"✅ Account {account.Id}: +25 tokens (admin grant). Bonus pool now 75 tokens.";
        var toAdmin = h.Fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == Admin).ToList();
        Assert.Equal([502, 200], toAdmin.Select(c => c.Status));
        Assert.All(toAdmin, c => Assert.Equal(expected, c.String("text")));
        Assert.Equal(expected, Assert.Single(h.Messages(Admin)).String("text"));
        Assert.Equal(75, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'admin_grant'"));
        Assert.Equal(25, await h.Bot.QueryAsync<long>("SELECT SUM(amount) FROM ledger WHERE kind = 'admin_grant' AND account_id = @id", new { id = account.Id }));
        Assert.Equal(("done", 1L), await InboxAsync(h, update));
    }

    [Fact]
    public async Task A_grant_whose_reply_fails_twice_still_grants_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.Get<AccountService>().GetOrCreateAsync(new(User, "pavel", "Pavel", "en"));
        h.Fake.Fail("sendMessage", 502, "Bad Gateway", times: 2);

        var update = h.Fake.SendText(Admin, $"/grant {User} 25");
        await h.WaitHandledAsync(update);

        Assert.Equal([502, 502, 200], h.Fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == Admin).Select(c => c.Status));
        Assert.Equal(75, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'admin_grant'"));
        Assert.Equal(("done", 2L), await InboxAsync(h, update));
    }

    [Fact]
    public async Task A_support_command_whose_reply_fails_once_creates_one_ticket_and_shows_it()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        h.Fake.Fail("sendMessage", 502, "Bad Gateway", times: 1);

        var update = h.Fake.SendText(User, "/support");
        await h.WaitHandledAsync(update);

        var replies = h.Fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == User).ToList();
        Assert.Equal([502, 200], replies.Select(c => c.Status));
        Assert.All(replies, r => Assert.StartsWith("🆘 Support", r.String("text"), StringComparison.Ordinal));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM support_tickets"));
        // The retry shows the ticket the first attempt made, not a new one.
        Assert.Equal(LinkOf(replies[0]), LinkOf(replies[1]));
        Assert.Single(h.Messages(User));
        Assert.Equal(("done", 1L), await InboxAsync(h, update));
    }

    private static async Task<(string, long)> InboxAsync(PaymentHarness h, int update) =>
        (await h.Bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @update", new { update }),
         await h.Bot.QueryAsync<long>("SELECT attempts FROM update_inbox WHERE update_id = @update", new { update }));

    private static string LinkOf(FakeCall message) => message.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["url"]!.ToString();
}
