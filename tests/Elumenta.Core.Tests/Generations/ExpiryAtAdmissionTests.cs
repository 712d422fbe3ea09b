using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Generations;

/// <summary>A paid plan past its end admits nothing as that plan, whether or not the cycle job has run (the API
/// process admits without it, and the bot may be down).</summary>
public sealed class ExpiryAtAdmissionTests
{
    [Fact]
    public async Task An_expired_plan_is_ended_by_the_admission_that_meets_it()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("basic");
        Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5")));
        h.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        // No cycle job has run: the admission itself decides that Basic is over.
        Assert.IsType<AdmissionResult.PlanRequired>(await h.SecondProcess.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5")));
        var after = await h.ReloadAsync(account);
        Assert.Equal(Plan.Free, after.Plan);
        Assert.Equal(0, after.PlanTokens);

        // A Starter model is still admitted, paid from the bonus pool only.
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.SecondProcess.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gemini-2.5-flash")));
        Assert.Equal(0, admitted.ReservedPlan);
    }

    [Fact]
    public async Task A_renewing_plan_keeps_working_through_the_renewal_grace()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "c1", SubscriptionChargeId = "s1" });
        h.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(5));

        Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5")));
        Assert.Equal("basic", (await h.ReloadAsync(account)).Plan);
    }
}
