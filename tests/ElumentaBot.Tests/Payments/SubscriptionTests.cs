using Elumenta.Core.Billing;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Payments;

public sealed class SubscriptionTests
{
    private const long User = 6001;

    [Fact]
    public async Task A_renewal_thirty_days_later_starts_a_new_cycle_and_gets_a_short_confirmation()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPlanAsync(User, "basic"));
        await h.PayAsync(User, payload, 500, "sub-1", recurring: true, first: true);
        var account = (await h.AccountAsync(User))!;
        await h.Get<BillingService>().AdminRevokeAsync(account.Id, 150, adminId: 1);

        h.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(5));
        await h.RunCycleJobsAsync();
        Assert.Equal("basic", (await h.AccountAsync(User))!.Plan);
        Assert.Equal("true", (await h.PreCheckoutAsync(User, payload, 500)).String("ok"));
        await h.PayAsync(User, payload, 500, "sub-2", recurring: true);

        account = (await h.AccountAsync(User))!;
        Assert.Equal(("basic", 300, 0), (account.Plan, account.PlanTokens, account.BonusTokens));
        Assert.InRange(account.PlanEndsAt!.Value - h.Clock.GetUtcNow(), TimeSpan.FromDays(29.99), TimeSpan.FromDays(30));
        var renewal = h.Messages(User)[^1];
        Assert.StartsWith("🔄 Your Basic plan has renewed until", renewal.String("text"), StringComparison.Ordinal);
        Assert.Equal(3, h.Messages(User).Count);
        Assert.Equal("renewed", await h.Bot.QueryAsync<string>("SELECT end_reason FROM plan_cycles WHERE payment_charge_id = 'sub-1'"));
        Assert.Empty(h.Fake.CallsTo("editUserStarSubscription"));
    }

    [Fact]
    public async Task Buying_another_plan_warns_first_then_replaces_it_and_cancels_the_old_subscription()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPlanAsync(User, "basic")), 500, "sub-basic", recurring: true, first: true);

        h.Fake.SendCallbackQuery(User, "pay:plan:pro");
        var warning = (await h.WaitForMessagesAsync(User, 3))[2];
        Assert.Contains("the 300 tokens left on Basic are lost", warning.String("text"), StringComparison.Ordinal);
        Assert.Contains("Basic will not renew", warning.String("text"), StringComparison.Ordinal);
        Assert.DoesNotContain("⬇️", warning.String("text"), StringComparison.Ordinal);
        Assert.Equal(["pay:planok:pro", "pay:cancel"], OfferTests.CallbackData(warning));
        Assert.Empty(h.Fake.CallsTo("createInvoiceLink").Skip(1));

        var cancel = h.Fake.SendCallbackQuery(User, "pay:cancel");
        await h.WaitHandledAsync(cancel);
        Assert.Equal("Nothing changed.", h.Fake.CallsTo("answerCallbackQuery")[^1].String("text"));

        var link = await h.OrderPlanAsync(User, "pro", confirm: true);
        await h.PayAsync(User, PaymentHarness.Payload(link), 950, "sub-pro", recurring: true, first: true);

        var edit = await h.WaitForCallAsync("editUserStarSubscription", _ => true);
        Assert.Equal((User, "sub-basic", "true"), (edit.Long("user_id")!.Value, edit.String("telegram_payment_charge_id"), edit.String("is_canceled")));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM plan_cycles WHERE subscription_charge_id = 'sub-basic' AND canceled_at IS NOT NULL"));
        var account = (await h.AccountAsync(User))!;
        Assert.Equal(("pro", 700), (account.Plan, account.PlanTokens));
    }

    [Fact]
    public async Task A_late_renewal_of_the_replaced_plan_keeps_the_new_plan_and_says_where_the_tokens_went()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var proPayload = PaymentHarness.Payload(await h.OrderPlanAsync(User, "pro"));
        await h.PayAsync(User, proPayload, 950, "sub-pro", recurring: true, first: true);
        h.Fake.Fail("editUserStarSubscription", 500, "Internal Server Error", times: 10);
        h.Fake.SendCallbackQuery(User, "pay:plan:basic");
        await h.WaitForMessagesAsync(User, 3);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPlanAsync(User, "basic", confirm: true)), 500, "sub-basic", recurring: true, first: true);
        var before = h.Messages(User).Count;

        // Pro's cancel never reached Telegram, and Pro renews a month later.
        h.Clock.Advance(TimeSpan.FromDays(30));
        await h.PayAsync(User, proPayload, 950, "sub-pro-2", recurring: true);

        var account = (await h.AccountAsync(User))!;
        Assert.Equal("basic", account.Plan);
        Assert.Equal(50 + 700, account.BonusTokens);
        var told = h.Messages(User).Skip(before).Single(m => m.String("text")!.Contains("Payment received", StringComparison.Ordinal));
        Assert.Contains("went to your bonus tokens", told.String("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_subscription_cancel_is_retried_by_the_scheduler_until_telegram_confirms()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPlanAsync(User, "pro")), 950, "sub-pro", recurring: true, first: true);
        h.Fake.Fail("editUserStarSubscription", 500, "Internal Server Error");

        h.Fake.SendCallbackQuery(User, "pay:plan:basic");
        var warning = (await h.WaitForMessagesAsync(User, 3))[2];
        Assert.Contains("⬇️ Basic gives fewer tokens and lower limits than Pro.", warning.String("text"), StringComparison.Ordinal);
        await h.PayAsync(User, PaymentHarness.Payload(await h.OrderPlanAsync(User, "basic", confirm: true)), 500, "sub-basic", recurring: true, first: true);
        Assert.Equal(500, Assert.Single(h.Fake.CallsTo("editUserStarSubscription")).Status);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM plan_cycles WHERE cancel_requested_at IS NOT NULL AND canceled_at IS NULL"));

        await h.RunCycleJobsAsync();
        await h.RunCycleJobsAsync();

        var calls = h.Fake.CallsTo("editUserStarSubscription");
        Assert.Equal([500, 200], calls.Select(c => c.Status));
        Assert.All(calls, c => Assert.Equal("sub-pro", c.String("telegram_payment_charge_id")));
        Assert.Equal(0, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM plan_cycles WHERE cancel_requested_at IS NOT NULL AND canceled_at IS NULL"));
    }

    [Fact]
    public async Task Subscription_updates_set_whether_the_plan_renews_and_a_failed_renewal_is_announced()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPlanAsync(User, "vip"));
        await h.PayAsync(User, payload, 1650, "sub-vip", recurring: true, first: true);
        Task<long> Renews() => h.Bot.QueryAsync<long>("SELECT renews FROM plan_cycles WHERE subscription_charge_id = 'sub-vip'");

        await h.WaitHandledAsync(h.Fake.SendSubscriptionUpdate(User, payload, "canceled"));
        Assert.Equal(0, await Renews());
        await h.WaitHandledAsync(h.Fake.SendSubscriptionUpdate(User, payload, "active"));
        Assert.Equal(1, await Renews());
        await h.WaitHandledAsync(h.Fake.SendSubscriptionUpdate(User, payload, "failed"));

        Assert.Equal(0, await Renews());
        var notice = h.Messages(User)[^1];
        Assert.StartsWith("⚠️ Your VIP plan could not be renewed", notice.String("text"), StringComparison.Ordinal);
        Assert.Equal(["pay:plans"], OfferTests.CallbackData(notice));
    }
}
