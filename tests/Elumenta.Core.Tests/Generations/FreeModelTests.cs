using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Notifications;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Generations;

/// <summary>gpt-5-nano and claude-haiku-4.5 cost 0: admitted and limited like any request, never refused for tokens.</summary>
public sealed class FreeModelTests
{
    [Fact]
    public async Task A_starter_account_with_no_tokens_uses_a_free_model_until_the_hourly_limit_and_is_refused_for_the_limit()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        await h.Main.Billing.AdminRevokeAsync(account.Id, 50, adminId: 1);

        var paid = Assert.IsType<AdmissionResult.InsufficientTokens>(await AdmitAsync(h, account.Id, "gemini-2.5-flash"));
        Assert.Equal((1, 0), (paid.Price, paid.Balance));
        for (var i = 0; i < 5; i++)
        {
            var admitted = Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id, "gpt-5-nano"));
            Assert.Equal((0, 0, 0), (admitted.Price, admitted.ReservedPlan, admitted.ReservedBonus));
            Assert.True(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "hi" }));
            Assert.Equal(0, (await h.ReloadAsync(account)).Balance);
        }

        var refused = Assert.IsType<AdmissionResult.LimitReached>(await AdmitAsync(h, account.Id, "gpt-5-nano"));
        Assert.Equal((LimitWindow.Hour, 5, "free"), (refused.Window, refused.Limit, refused.Plan));
        var status = await h.Main.Limits.GetStatusAsync(account.Id);
        Assert.Equal((0, 15), (status.HourRemaining, status.DayRemaining));
        Assert.Equal(0, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(0, await SettlementRowsAsync(h, account.Id));
        Assert.Equal(5, (await h.Main.Generations.ListRecentAsync(account.Id)).Count(g => g is { Status: GenerationStatus.Completed, Price: 0, TokensSpent: 0 }));
    }

    [Theory]
    [InlineData("gpt-5-nano")]
    [InlineData("claude-haiku-4.5")]
    public async Task A_free_request_is_pending_until_settled_and_writes_no_ledger_rows(string slug)
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var admitted = Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id, slug));

        var pending = (await h.Main.Generations.GetAsync(admitted.GenerationId))!;
        Assert.Equal((GenerationStatus.Pending, 0), (pending.Status, pending.Price));
        Assert.Equal(4, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
        Assert.True(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "answer" }));
        Assert.False(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "again" }));
        Assert.False(await h.Main.Generations.FailAsync(admitted.GenerationId, "timeout", null));

        var completed = (await h.Main.Generations.GetAsync(admitted.GenerationId))!;
        Assert.Equal((GenerationStatus.Completed, 0, "answer"), (completed.Status, completed.TokensSpent, completed.ResultText));
        Assert.Equal(4, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
        Assert.Equal(50, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(0, await SettlementRowsAsync(h, account.Id));
    }

    [Fact]
    public async Task A_failed_free_request_gives_its_slot_back_once_and_writes_no_release()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id, "claude-haiku-4.5"));
        Assert.Equal(4, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);

        Assert.True(await h.SecondProcess.Generations.FailAsync(admitted.GenerationId, "unavailable", "provider down"));
        Assert.False(await h.Main.Generations.FailAsync(admitted.GenerationId, "unavailable", "again"));
        Assert.False(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "late" }));

        Assert.Equal(GenerationStatus.Failed, (await h.Main.Generations.GetAsync(admitted.GenerationId))!.Status);
        var status = await h.Main.Limits.GetStatusAsync(account.Id);
        Assert.Equal((5, 20), (status.HourRemaining, status.DayRemaining));
        Assert.Equal(50, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(0, await SettlementRowsAsync(h, account.Id));
    }

    [Fact]
    public async Task A_voice_message_to_a_free_model_costs_only_its_transcription()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "gpt-5-nano") { AlsoCharge = ["whisper"] }));

        Assert.Equal(2, admitted.Price);
        Assert.Equal(48, (await h.ReloadAsync(account)).BonusTokens);
    }

    [Fact]
    public async Task Free_requests_never_bring_on_the_low_balance_notice()
    {
        await using var h = await CoreHarness.StartAsync();
        var planner = new NotificationPlanner(h.Main.Store, h.Clock);
        var account = await h.NewAccountAsync();
        await h.Main.Billing.StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = "s", SubscriptionChargeId = "s" });
        await h.Main.Billing.AdminRevokeAsync(account.Id, 50 + 270, adminId: 1); // 30 of 300: exactly 10 %, not yet low

        for (var i = 0; i < 10; i++)
        {
            var admitted = (AdmissionResult.Admitted)await AdmitAsync(h, account.Id, i % 2 == 0 ? "gpt-5-nano" : "claude-haiku-4.5");
            await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "x" });
        }

        Assert.Empty(await planner.ClaimDueAsync());
        Assert.Equal(30, (await h.ReloadAsync(account)).PlanTokens);
        var paid = (AdmissionResult.Admitted)await AdmitAsync(h, account.Id, "gemini-2.5-flash");
        await h.Main.Generations.CompleteAsync(paid.GenerationId, new GenerationResult { Text = "x" });
        Assert.Equal(NoticeKind.LowBalance, Assert.Single(await planner.ClaimDueAsync()).Kind);
    }

    private static Task<AdmissionResult> AdmitAsync(CoreHarness h, long accountId, string slug) =>
        h.Main.Admission.AdmitAsync(new AdmissionRequest(accountId, slug) { Prompt = "hello" });

    private static Task<long> SettlementRowsAsync(CoreHarness h, long accountId) =>
        h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM ledger
            WHERE account_id = @accountId AND kind IN (@Reserve, @Capture, @Release)
            """,
            new { accountId, Reserve = LedgerKind.Reserve.Name(), Capture = LedgerKind.Capture.Name(), Release = LedgerKind.Release.Name() }));
}
