using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Payments;

public sealed class SchedulerTests
{
    private const long User = 2121;

    [Fact]
    public async Task A_plan_that_ran_out_falls_back_to_starter_and_the_user_is_told_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await OnPlanAsync(h, "basic", days: 1);

        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();

        var account = (await h.AccountAsync(User))!;
        Assert.Equal(("free", 0, 50), (account.Plan, account.PlanTokens, account.BonusTokens));
        var message = Assert.Single(h.Messages(User));
        Assert.StartsWith("Your Basic plan has ended and you are on Starter now. Your package tokens (50 tokens) stay", message.String("text"), StringComparison.Ordinal);
        Assert.Equal(["pay:plans"], OfferTests.CallbackData(message));
    }

    [Fact]
    public async Task Reminders_three_days_and_one_day_before_a_non_renewing_plan_ends_are_sent_once_each()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await OnPlanAsync(h, "pro", days: 3);

        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();
        h.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(1));
        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();

        var texts = h.Messages(User).Select(m => m.String("text")!).ToList();
        Assert.Equal(2, texts.Count);
        Assert.StartsWith("⏳ Your Pro plan ends in 3 days", texts[0], StringComparison.Ordinal);
        Assert.StartsWith("⏳ Your Pro plan ends tomorrow", texts[1], StringComparison.Ordinal);
        Assert.Contains("700 tokens are left in this cycle", texts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Low_balance_is_sent_once_per_cycle_with_plans_and_buy_buttons()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var account = await OnPlanAsync(h, "basic", days: 30);
        await h.Get<BillingService>().AdminRevokeAsync(account.Id, 50 + 275, adminId: 1);

        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();

        var message = Assert.Single(h.Messages(User));
        Assert.StartsWith("🪫 Only 25 tokens of the 300 tokens of your plan are left", message.String("text"), StringComparison.Ordinal);
        Assert.Equal(["pay:plans", "pay:buy"], OfferTests.CallbackData(message));
    }

    [Fact]
    public async Task Notifications_off_silences_reminders_and_low_balance_but_not_the_end_of_the_plan()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var account = await OnPlanAsync(h, "basic", days: 1);
        await h.Get<AccountService>().SetNotificationsAsync(account.Id, false);
        await h.Get<BillingService>().AdminRevokeAsync(account.Id, 50 + 290, adminId: 1);

        await h.RunCycleJobsAsync();
        Assert.Empty(h.Messages(User));
        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await h.RunCycleJobsAsync();

        Assert.StartsWith("Your Basic plan has ended", Assert.Single(h.Messages(User)).String("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_scheduler_runs_the_jobs_on_its_own_at_the_configured_interval()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server,
            settings: new Dictionary<string, string?> { ["Scheduler:Enabled"] = "true", ["Scheduler:IntervalSeconds"] = "1" });
        // A one-day plan is already inside the reminder window; with notifications off (before the plan starts,
        // as the scheduler ticks on its own) only the end of the plan is announced.
        var account = (await h.Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(User, null, "Test", "en"))).Account;
        await h.Get<AccountService>().SetNotificationsAsync(account.Id, false);
        await h.Get<BillingService>().StartCycleAsync(account.Id, new CycleStart("elite") { Days = 1 });
        h.Clock.Advance(TimeSpan.FromDays(2));

        var message = Assert.Single(await h.WaitForMessagesAsync(User, 1));

        Assert.StartsWith("Your Elite plan has ended", message.String("text"), StringComparison.Ordinal);
        Assert.Equal("free", (await h.AccountAsync(User))!.Plan);
    }

    private static async Task<Account> OnPlanAsync(PaymentHarness h, string plan, int days)
    {
        var account = (await h.Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(User, null, "Test", "en"))).Account;
        await h.Get<BillingService>().StartCycleAsync(account.Id, new CycleStart(plan) { Days = days });
        return account;
    }
}
