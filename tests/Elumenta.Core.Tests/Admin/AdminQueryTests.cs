using Dapper;
using Elumenta.Core.Admin;
using Elumenta.Core.Billing;
using Elumenta.Core.Notifications;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.Payments;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Admin;

public sealed class AdminQueryTests
{
    [Fact]
    public async Task Stats_count_active_accounts_top_models_revenue_refunds_and_failures_by_provider()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var a = await h.NewAccountAsync(1);
        await h.NewAccountAsync(2);
        h.Clock.Advance(TimeSpan.FromDays(3));
        await h.NewAccountAsync(3);
        h.Clock.Advance(TimeSpan.FromDays(5));
        await h.NewAccountAsync(4);
        var pro = (await kit.Orders.CreateAsync(a.Id, OrderKind.Plan, "pro"))!;
        var pack = (await kit.Orders.CreateAsync(a.Id, OrderKind.Package, "light"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(1, pro, "c-pro", recurring: true, first: true));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(1, pack, "c-light-1"));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(1, pack, "c-light-2"));
        await kit.Payments.RecordRefundAsync("c-light-2");
        await InsertGenerationsAsync(h, a.Id, ("gpt-5", "completed", 5, null), ("gpt-5", "completed", 5, null), ("dall-e-3", "completed", 20, null),
            ("claude-sonnet-4.5", "failed", 0, "timeout"), ("claude-opus-4.5", "failed", 0, "timeout"), ("gpt-5", "failed", 0, null));

        var report = await new AdminStats(h.Main.Store, CoreHarness.Catalog, h.Clock).GetAsync(30, 2, default);

        Assert.Equal((4L, 1L, 2L), (report.Accounts, report.ActiveToday, report.ActiveThisWeek));
        Assert.Equal([new ModelUsage("dall-e-3", 1, 20), new ModelUsage("gpt-5", 3, 10)], report.TopModels);
        Assert.Equal([new ProductRevenue("plan", "pro", 1, 950), new ProductRevenue("package", "light", 1, 250)], report.Revenue);
        Assert.Equal((1L, 250L), (report.RefundedPayments, report.RefundedStars));
        Assert.Equal([new FailureCount("Anthropic", "timeout", 2), new FailureCount("OpenAI", "unknown", 1)], report.Failures);
    }

    [Fact]
    public async Task The_broadcast_audience_leaves_out_blocked_banned_and_quiet_accounts()
    {
        await using var h = await CoreHarness.StartAsync();
        var accounts = Enumerable.Range(1, 5).Select(i => h.NewAccountAsync(i).Result).ToList();
        await h.Main.Accounts.MarkUnreachableAsync(2);
        await h.Main.Accounts.SetBannedAsync(accounts[2].Id, true);
        await h.Main.Accounts.SetNotificationsAsync(accounts[3].Id, false);
        var audience = new BroadcastAudience(h.Main.Store);

        var (recipients, skipped) = await audience.ListAsync();

        Assert.Equal([1L, 5L], recipients.Select(r => r.TelegramUserId));
        Assert.Equal(3, skipped);
        Assert.True(await audience.StillReachableAsync(accounts[0].Id));
        Assert.False(await audience.StillReachableAsync(accounts[3].Id));
    }

    [Fact]
    public async Task An_expired_plan_is_claimed_for_its_notice_once_and_a_replaced_one_never()
    {
        await using var h = await CoreHarness.StartAsync();
        var expiring = await h.NewAccountAsync(1);
        var replaced = await h.NewAccountAsync(2);
        await h.Main.Billing.StartCycleAsync(expiring.Id, new CycleStart("basic") { Days = 1 });
        await h.Main.Billing.StartCycleAsync(replaced.Id, new CycleStart("basic") { Days = 1 });
        await h.Main.Billing.StartCycleAsync(replaced.Id, new CycleStart("pro") { Days = 30 });
        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await h.Main.Billing.ExpireDueAsync();
        var notices = new PlanEndNotices(h.Main.Store, h.Clock);

        var first = await notices.ClaimAsync();
        var second = await notices.ClaimAsync();

        var ended = Assert.Single(first);
        Assert.Equal((expiring.Id, 1L, "basic", 50L), (ended.AccountId, ended.TelegramUserId, ended.Plan, ended.BonusTokens));
        Assert.Empty(second);
    }

    [Fact]
    public async Task The_sweep_never_lists_a_payer_who_blocked_the_bot_and_takes_each_payment_once()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var blocked = await h.NewAccountAsync(2);
        var open = await h.NewAccountAsync(3);
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(2, (await kit.Orders.CreateAsync(blocked.Id, OrderKind.Package, "light"))!, "c-blocked"));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(3, (await kit.Orders.CreateAsync(open.Id, OrderKind.Package, "light"))!, "c-open"));
        await h.Main.Accounts.MarkUnreachableAsync(2);
        var followUps = new PaymentFollowUps(h.Main.Store, h.Clock);
        h.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal("c-open", Assert.Single(await followUps.UnconfirmedAsync(TimeSpan.FromMinutes(2), TimeSpan.FromDays(2))).TelegramPaymentChargeId);
        Assert.True(await followUps.ClaimSweepAsync("c-open"));
        Assert.False(await followUps.ClaimSweepAsync("c-open"));
        Assert.Empty(await followUps.UnconfirmedAsync(TimeSpan.FromMinutes(2), TimeSpan.FromDays(2)));
    }

    [Fact]
    public async Task Unconfirmed_payments_are_listed_after_the_grace_and_a_refunded_subscription_is_queued_for_cancel()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var a = await h.NewAccountAsync(1);
        var order = (await kit.Orders.CreateAsync(a.Id, OrderKind.Plan, "vip"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(1, order, "c-1", recurring: true, first: true));
        var followUps = new PaymentFollowUps(h.Main.Store, h.Clock);

        Assert.Empty(await followUps.UnconfirmedAsync(TimeSpan.FromMinutes(2), TimeSpan.FromDays(2)));
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("c-1", Assert.Single(await followUps.UnconfirmedAsync(TimeSpan.FromMinutes(2), TimeSpan.FromDays(2))).TelegramPaymentChargeId);
        await kit.Payments.MarkConfirmedAsync("c-1");
        Assert.Empty(await followUps.UnconfirmedAsync(TimeSpan.FromMinutes(2), TimeSpan.FromDays(2)));

        await kit.Payments.RecordRefundAsync("c-1");
        Assert.True(await followUps.RequestSubscriptionCancelAsync("c-1"));
        Assert.Equal([(1L, "c-1")], await kit.Payments.PendingSubscriptionCancelsAsync());
        await kit.Payments.MarkSubscriptionCanceledAsync("c-1");
        Assert.False(await followUps.RequestSubscriptionCancelAsync("c-1"));
    }

    private static Task InsertGenerationsAsync(CoreHarness h, long accountId, params (string Model, string Status, int Spent, string? ErrorKind)[] rows) =>
        h.Main.Store.WriteAsync(async (c, t) =>
        {
            foreach (var row in rows)
            {
                await c.ExecuteAsync(
                    """
                    INSERT INTO generations (account_id, model_slug, category, status, price, tokens_spent, error_kind, created_at)
                    VALUES (@accountId, @Model, 'text', @Status, @Spent, @Spent, @ErrorKind, @now)
                    """, new { accountId, row.Model, row.Status, row.Spent, row.ErrorKind, now = h.Clock.GetUtcNow().ToUnixTimeMilliseconds() }, t);
            }

            return 0;
        });
}
