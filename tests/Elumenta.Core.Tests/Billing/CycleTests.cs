using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Billing;

public sealed class CycleTests
{
    [Fact]
    public async Task A_paid_plan_sets_the_plan_pool_to_its_allowance_for_30_days()
    {
        await using var h = await CoreHarness.StartAsync();
        var start = h.Clock.GetUtcNow();

        var account = await h.NewAccountOnPlanAsync("basic");

        Assert.Equal("basic", account.Plan);
        Assert.Equal(300, account.PlanTokens);
        Assert.Equal(50, account.BonusTokens);
        Assert.Equal(start.AddDays(30), account.PlanEndsAt);
        Assert.Contains(("cycle_grant", "plan", 300L), await h.LedgerAsync(account.Id));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Renewal_expires_what_was_left_and_grants_the_allowance_again()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "c1", SubscriptionChargeId = "c1" });
        await SpendAsync(h, account.Id, "gpt-5.2", times: 10); // 40 tokens from the plan pool

        h.Clock.Advance(TimeSpan.FromDays(30));
        var renewed = await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "c2", SubscriptionChargeId = "c1" });

        account = await h.ReloadAsync(account);
        Assert.Equal(300, account.PlanTokens);
        Assert.Equal(50, account.BonusTokens);
        Assert.Null(renewed.CancelSubscriptionChargeId);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(30), account.PlanEndsAt);
        var ledger = await h.LedgerAsync(account.Id);
        Assert.Contains(("cycle_expiry", "plan", -260L), ledger);
        Assert.Equal(2, ledger.Count(e => e.Kind == "cycle_grant"));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_plan_that_is_not_renewed_falls_back_to_free_and_keeps_the_bonus()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("pro");

        h.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await h.Main.Billing.ExpireDueAsync());
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await h.Main.Billing.ExpireDueAsync());
        Assert.Equal(0, await h.Main.Billing.ExpireDueAsync());

        account = await h.ReloadAsync(account);
        Assert.Equal("free", account.Plan);
        Assert.Equal(0, account.PlanTokens);
        Assert.Equal(50, account.BonusTokens);
        Assert.Null(account.PlanEndsAt);
        Assert.Contains(("cycle_expiry", "plan", -700L), await h.LedgerAsync(account.Id));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_renewing_subscription_gets_a_grace_period_for_its_payment()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("vip") { PaymentChargeId = "s1", SubscriptionChargeId = "s1" });

        h.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(30));
        Assert.Equal(0, await h.Main.Billing.ExpireDueAsync());
        Assert.Equal("vip", (await h.ReloadAsync(account)).Plan);

        h.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await h.Main.Billing.ExpireDueAsync());
        Assert.Equal("free", (await h.ReloadAsync(account)).Plan);
    }

    [Fact]
    public async Task Buying_another_plan_replaces_the_cycle_and_names_the_subscription_to_cancel()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "b1", SubscriptionChargeId = "b1" });
        await SpendAsync(h, account.Id, "gpt-5", times: 5);

        h.Clock.Advance(TimeSpan.FromDays(10));
        var started = await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("pro") { PaymentChargeId = "p1", SubscriptionChargeId = "p1" });

        account = await h.ReloadAsync(account);
        Assert.Equal("pro", account.Plan);
        Assert.Equal(700, account.PlanTokens);
        Assert.Equal("basic", started.PreviousPlan);
        Assert.Equal("b1", started.CancelSubscriptionChargeId);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(30), account.PlanEndsAt);
        Assert.Contains(("cycle_expiry", "plan", -290L), await h.LedgerAsync(account.Id));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_charge_takes_the_plan_pool_first_then_the_bonus_pool()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("basic");
        await h.Main.Billing.AdminRevokeAsync(account.Id, 50 + 290, adminId: 1); // leaves 10 plan, 0 bonus
        await h.Main.Billing.AdminGrantAsync(account.Id, 100, adminId: 1);

        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "dall-e-3") { Options = new Dictionary<string, string> { ["size"] = "1792x1024", ["quality"] = "hd" } }));

        Assert.Equal(13, admitted.Price);
        Assert.Equal(10, admitted.ReservedPlan);
        Assert.Equal(3, admitted.ReservedBonus);
        account = await h.ReloadAsync(account);
        Assert.Equal(0, account.PlanTokens);
        Assert.Equal(97, account.BonusTokens);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Release_after_a_new_cycle_returns_only_the_bonus_part()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "b1", SubscriptionChargeId = "b1" });
        await h.Main.Billing.AdminRevokeAsync(account.Id, 50 + 295, adminId: 1); // 5 plan, 0 bonus
        await h.Main.Billing.AdminGrantAsync(account.Id, 20, adminId: 1);
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "recraft-v3") { Prompt = "a fox" })); // 4 tokens, all plan
        var second = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "sd-3.5-large") { Prompt = "a fox" })); // 7 tokens: 1 plan + 6 bonus

        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "b2", SubscriptionChargeId = "b1" });
        Assert.True(await h.Main.Generations.FailAsync(admitted.GenerationId, "timeout", null));
        Assert.True(await h.Main.Generations.FailAsync(second.GenerationId, "timeout", null));

        account = await h.ReloadAsync(account);
        Assert.Equal(300, account.PlanTokens);
        Assert.Equal(20, account.BonusTokens);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_refunded_package_takes_back_only_what_is_left()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Store.WriteAsync((c, t) => h.Main.Billing.CreditPackageAsync(c, t, account.Id, 100, "pkg-1", h.Clock.NowMs(), default));
        await h.Main.Billing.AdminRevokeAsync(account.Id, 120, adminId: 1); // 30 bonus left

        var taken = await h.Main.Store.WriteAsync((c, t) => h.Main.Billing.ReversePackageAsync(c, t, account.Id, 100, "pkg-1", h.Clock.NowMs(), default).ContinueWith(r => r.Result.Taken, TaskScheduler.Default));

        Assert.Equal(30, taken);
        Assert.Equal(0, (await h.ReloadAsync(account)).BonusTokens);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Admin_revoke_never_goes_below_zero()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("basic");

        var removed = await h.Main.Billing.AdminRevokeAsync(account.Id, 10_000, adminId: 99);

        Assert.Equal(350, removed);
        account = await h.ReloadAsync(account);
        Assert.Equal(0, account.Balance);
        await h.AssertBooksBalanceAsync();
    }

    private static async Task SpendAsync(CoreHarness h, long accountId, string model, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(accountId, model) { Prompt = "hi" }));
            Assert.True(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "ok" }));
        }
    }
}
