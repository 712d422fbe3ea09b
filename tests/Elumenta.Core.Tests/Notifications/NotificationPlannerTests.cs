using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using Elumenta.Core.Notifications;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Notifications;

public sealed class NotificationPlannerTests
{
    [Fact]
    public async Task A_plan_that_will_not_renew_is_reminded_three_days_and_one_day_before_it_ends_once_each()
    {
        await using var h = await CoreHarness.StartAsync();
        var planner = new NotificationPlanner(h.Main.Store, h.Clock);
        var account = await h.NewAccountOnPlanAsync("basic"); // a one-off cycle: no subscription, will not renew

        h.Clock.Advance(TimeSpan.FromDays(26));
        Assert.Empty(await planner.ClaimDueAsync());
        h.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var threeDays = Assert.Single(await planner.ClaimDueAsync());
        Assert.Equal((account.Id, NoticeKind.PlanEndsIn3Days, "basic"), (threeDays.AccountId, threeDays.Kind, threeDays.Plan));
        Assert.Empty(await planner.ClaimDueAsync());

        h.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(NoticeKind.PlanEndsIn1Day, Assert.Single(await planner.ClaimDueAsync()).Kind);
        Assert.Empty(await planner.ClaimDueAsync());
    }

    [Fact]
    public async Task A_renewing_subscription_gets_no_end_reminders()
    {
        await using var h = await CoreHarness.StartAsync();
        var planner = new NotificationPlanner(h.Main.Store, h.Clock);
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("pro") { PaymentChargeId = "s", SubscriptionChargeId = "s" });

        h.Clock.Advance(TimeSpan.FromDays(29.5));

        Assert.Empty(await planner.ClaimDueAsync());
    }

    [Fact]
    public async Task Low_balance_is_noticed_once_per_cycle_and_only_with_notifications_on()
    {
        await using var h = await CoreHarness.StartAsync();
        var planner = new NotificationPlanner(h.Main.Store, h.Clock);
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "s", SubscriptionChargeId = "s" });
        await h.Main.Billing.AdminRevokeAsync(account.Id, 50 + 265, adminId: 1); // 35 of 300 left: above 10 %
        Assert.Empty(await planner.ClaimDueAsync());

        for (var i = 0; i < 2; i++)
        {
            var admitted = (AdmissionResult.Admitted)await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5.2"));
            await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "x" });
        }

        var low = Assert.Single(await planner.ClaimDueAsync()); // 27 of 300
        Assert.Equal((NoticeKind.LowBalance, 27, 300), (low.Kind, low.PlanTokens, low.Allowance));
        Assert.Empty(await planner.ClaimDueAsync());

        var quiet = await h.NewAccountAsync(telegramUserId: 2002);
        await h.Main.Billing.StartCycleAsync(quiet.Id, new CycleStart("basic") { PaymentChargeId = "q", SubscriptionChargeId = "q" });
        await h.Main.Accounts.SetNotificationsAsync(quiet.Id, enabled: false);
        await h.Main.Billing.AdminRevokeAsync(quiet.Id, 340, adminId: 1);
        Assert.Empty(await planner.ClaimDueAsync());
    }
}
