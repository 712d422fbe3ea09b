using Dapper;
using Elumenta.Core.Accounts;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Payments;

namespace ElumentaBot.Tests.Admin;

public sealed class AdminCommandTests
{
    private const long Admin = PaymentHarness.AdminId;
    private const long User = 3131;

    [Fact]
    public async Task Grant_setplan_ban_and_unban_change_the_account_and_answer_the_admin()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var account = (await h.Get<AccountService>().GetOrCreateAsync(new(User, "olga", "Olga", "en"))).Account;

        string[] commands = ["/grant 3131 500", "/setplan @olga vip 10", $"/ban {account.Id}", "/unban @OLGA", "/ban 3131"];
        foreach (var command in commands)
        {
            await h.WaitHandledAsync(h.Fake.SendText(Admin, command));
        }

        var replies = h.Messages(Admin).Select(m => m.String("text")).ToList();
        Assert.Equal($"✅ Account {account.Id}: +500 tokens (admin grant). Bonus pool now 550 tokens.", replies[0]);
        Assert.StartsWith($"✅ Account {account.Id} is on VIP until ", replies[1], StringComparison.Ordinal);
        Assert.Equal([$"✅ Account {account.Id} is banned.", $"✅ Account {account.Id} is unbanned.", $"✅ Account {account.Id} is banned."], replies[2..]);
        var after = (await h.AccountAsync(User))!;
        Assert.Equal(("vip", 1500, 550, true), (after.Plan, after.PlanTokens, after.BonusTokens, after.Banned));
        Assert.InRange(after.PlanEndsAt!.Value - h.Clock.GetUtcNow(), TimeSpan.FromDays(9.99), TimeSpan.FromDays(10));
        Assert.Equal(Admin, await h.Bot.QueryAsync<long>("SELECT admin_id FROM ledger WHERE kind = 'admin_grant'"));
    }

    [Theory]
    [InlineData("/grant 3131", "Usage: /grant <id or @username> <tokens, 1 to 1000000>")]
    [InlineData("/grant 3131 -5", "Usage: /grant <id or @username> <tokens, 1 to 1000000>")]
    [InlineData("/setplan 3131 free 30", "Usage: /setplan <id or @username> <basic|pro|vip|elite> <days, 1 to 365>")]
    [InlineData("/setplan 3131 pro 0", "Usage: /setplan <id or @username> <basic|pro|vip|elite> <days, 1 to 365>")]
    [InlineData("/refund", "Usage: /refund <telegram_payment_charge_id>")]
    [InlineData("/ban", "Usage: /ban <id or @username>")]
    [InlineData("/user a b", "Usage: /user <Telegram id, account id or @username>")]
    [InlineData("/broadcast", "Usage: /broadcast <text>")]
    [InlineData("/grant 999999 10", "No account 999999.")]
    public async Task Bad_arguments_get_the_usage_line(string command, string expected)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.Get<AccountService>().GetOrCreateAsync(new(User, "olga", "Olga", "en"));

        await h.WaitHandledAsync(h.Fake.SendText(Admin, command));

        Assert.Equal(expected, Assert.Single(h.Messages(Admin)).String("text"));
        Assert.Equal(50, (await h.AccountAsync(User))!.BonusTokens);
    }

    [Fact]
    public async Task User_and_stats_summarise_the_account_and_the_service()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPlanAsync(User, "pro")), 950, "charge-pro", recurring: true, first: true);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPackageAsync(User, "light")), 250, "charge-light");
        var account = (await h.AccountAsync(User))!;
        await h.Bot.Store.WriteAsync((c, t) => c.ExecuteAsync(
            """
            INSERT INTO generations (account_id, model_slug, category, status, price, tokens_spent, error_kind, created_at) VALUES
              (@id, 'gpt-5', 'text', 'completed', 3, 3, NULL, @now), (@id, 'gpt-5', 'text', 'completed', 3, 3, NULL, @now),
              (@id, 'claude-sonnet-4.5', 'text', 'failed', 2, 0, 'timeout', @now)
            """, new { id = account.Id, now = h.Clock.GetUtcNow().ToUnixTimeMilliseconds() }, t));

        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/user 3131"));
        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/stats"));

        var replies = h.Messages(Admin).Select(m => m.String("text")!).ToList();
        Assert.StartsWith($"👤 Account {account.Id}, Telegram 3131", replies[0], StringComparison.Ordinal);
        Assert.Contains("Plan: Pro", replies[0], StringComparison.Ordinal);
        Assert.Contains("(renews)", replies[0], StringComparison.Ordinal);
        Assert.Contains("Pools: plan 700, bonus 150", replies[0], StringComparison.Ordinal);
        Assert.Contains("Limits: hour 0/60, day 0/500", replies[0], StringComparison.Ordinal);
        Assert.Contains("package light, 250 ⭐, fulfilled, charge-light", replies[0], StringComparison.Ordinal);
        Assert.Contains("Accounts: 2; active today 2, this week 2.", replies[1], StringComparison.Ordinal);
        Assert.Contains("• gpt-5: 2 / 6", replies[1], StringComparison.Ordinal);
        Assert.Contains("Stars revenue (1,200 ⭐):", replies[1], StringComparison.Ordinal);
        Assert.Contains("• plan pro: 1 × → 950 ⭐", replies[1], StringComparison.Ordinal);
        Assert.Contains("• Anthropic / timeout: 1", replies[1], StringComparison.Ordinal);
    }
}
