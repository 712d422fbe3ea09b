using Dapper;
using Elumenta.Core.Generations;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Generations;

public sealed class AdmissionTests
{
    [Fact]
    public async Task A_basic_tier_model_on_starter_names_the_plans_that_unlock_it_and_charges_nothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var refused = Assert.IsType<AdmissionResult.PlanRequired>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "claude-opus-4.5")));

        Assert.Equal("claude-opus-4.5", refused.Model.Slug);
        Assert.Equal(["basic", "pro", "vip", "elite"], refused.Plans.Select(p => p.Code));
        Assert.Equal(50, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Empty(await h.Main.Generations.ListRecentAsync(account.Id));
    }

    [Fact]
    public async Task Not_enough_tokens_reports_the_price_and_the_balance()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("basic");
        await h.Main.Billing.AdminRevokeAsync(account.Id, 330, adminId: 1); // 20 left

        var refused = Assert.IsType<AdmissionResult.InsufficientTokens>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "sora-2") { Options = new Dictionary<string, string> { ["duration"] = "8" } }));

        Assert.Equal(84, refused.Price);
        Assert.Equal(20, refused.Balance);
        Assert.Equal(20, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(30, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
    }

    [Fact]
    public async Task An_option_the_model_does_not_take_is_invalid_and_changes_nothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var bad = Assert.IsType<AdmissionResult.InvalidRequest>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "dall-e-3") { Options = new Dictionary<string, string> { ["size"] = "512x512" } }));
        var foreign = Assert.IsType<AdmissionResult.InvalidRequest>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "gpt-5-nano") { Options = new Dictionary<string, string> { ["duration"] = "5" } }));
        var unknown = Assert.IsType<AdmissionResult.InvalidRequest>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-9")));

        Assert.Equal(InvalidReason.Option, bad.Reason);
        Assert.Equal("size", bad.Option);
        Assert.Contains("1024x1024", bad.Allowed!);
        Assert.Equal("duration", foreign.Option);
        Assert.Equal(InvalidReason.UnknownModel, unknown.Reason);
        Assert.Equal(50, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Equal(5, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
    }

    [Fact]
    public async Task A_prompt_over_the_model_limit_is_refused_with_the_limit()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var model = CoreHarness.Catalog.FindModel("dall-e-3")!;

        var refused = Assert.IsType<AdmissionResult.InvalidRequest>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "dall-e-3") { Prompt = new string('a', model.MaxPromptChars!.Value + 1) }));

        Assert.Equal(InvalidReason.PromptTooLong, refused.Reason);
        Assert.Equal(model.MaxPromptChars, refused.Limit);
    }

    [Fact]
    public async Task A_voice_message_is_one_request_priced_as_transcription_plus_answer()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "gemini-2.5-flash") { AlsoCharge = ["whisper"] }));

        Assert.Equal(3, admitted.Price);
        Assert.Equal(4, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
        Assert.Equal(47, (await h.ReloadAsync(account)).BonusTokens);
    }

    [Fact]
    public async Task Completing_spends_the_reservation_and_settling_twice_changes_nothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "dall-e-3")));

        Assert.True(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Url = "https://cdn/x.png" }));
        Assert.False(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Url = "https://cdn/y.png" }));
        Assert.False(await h.Main.Generations.FailAsync(admitted.GenerationId, "timeout", null));

        var generation = (await h.Main.Generations.GetAsync(admitted.GenerationId))!;
        Assert.Equal(GenerationStatus.Completed, generation.Status);
        Assert.Equal(5, generation.TokensSpent);
        Assert.Equal("https://cdn/x.png", generation.ResultUrl);
        Assert.Equal(45, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Equal(4, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task A_cancelled_generation_is_not_charged_and_failing_it_again_is_a_no_op()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gemini-2.5-flash")));

        Assert.True(await h.Main.Generations.FailAsync(admitted.GenerationId, "canceled", null, canceled: true));
        Assert.False(await h.Main.Generations.FailAsync(admitted.GenerationId, "canceled", null, canceled: true));
        Assert.False(await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "late" }));

        var generation = (await h.Main.Generations.GetAsync(admitted.GenerationId))!;
        Assert.Equal(GenerationStatus.Canceled, generation.Status);
        Assert.Equal(0, generation.TokensSpent);
        Assert.Equal(50, (await h.ReloadAsync(account)).BonusTokens);
        var releases = await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'release'"));
        Assert.Equal(1, releases);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Starter_accounts_run_one_async_job_at_a_time()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();

        var first = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "photon-flash")));
        var second = Assert.IsType<AdmissionResult.TooManyJobs>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "photon-flash")));
        Assert.Equal(1, second.Limit);

        await h.Main.Generations.CompleteAsync(first.GenerationId, new GenerationResult { Url = "https://cdn/p.jpg" });
        Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "photon-flash")));
    }

    [Fact]
    public async Task The_plan_check_comes_before_the_limit_check_and_the_limit_before_the_price()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5-nano"));
        }

        Assert.IsType<AdmissionResult.PlanRequired>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5.2")));
        Assert.IsType<AdmissionResult.LimitReached>(await h.Main.Admission.AdmitAsync(
            new AdmissionRequest(account.Id, "dall-e-3") { Options = new Dictionary<string, string> { ["size"] = "nope" } }));
    }
}
