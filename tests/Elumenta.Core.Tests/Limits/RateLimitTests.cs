using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Limits;

public sealed class RateLimitTests
{
    [Fact]
    public async Task The_sixth_request_in_an_hour_on_starter_is_refused_until_the_first_leaves_the_window()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var first = h.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = Assert.IsType<AdmissionResult.LimitReached>(await AdmitAsync(h, account.Id));
        Assert.Equal(LimitWindow.Hour, refused.Window);
        Assert.Equal(5, refused.Limit);
        Assert.Equal("free", refused.Plan);
        Assert.Equal(first.AddHours(1), refused.NextSlotAt);

        h.Clock.Advance(first.AddHours(1) - h.Clock.GetUtcNow());
        Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
        Assert.IsType<AdmissionResult.LimitReached>(await AdmitAsync(h, account.Id));
        Assert.Equal(44, (await h.ReloadAsync(account)).BonusTokens);
    }

    [Fact]
    public async Task The_daily_window_refuses_the_21st_request_and_names_the_day()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var first = h.Clock.GetUtcNow();
        for (var hour = 0; hour < 4; hour++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
            }

            h.Clock.Advance(TimeSpan.FromMinutes(61));
        }

        var refused = Assert.IsType<AdmissionResult.LimitReached>(await AdmitAsync(h, account.Id));
        Assert.Equal(LimitWindow.Day, refused.Window);
        Assert.Equal(20, refused.Limit);
        Assert.Equal(first.AddHours(24), refused.NextSlotAt);

        var status = await h.Main.Limits.GetStatusAsync(account.Id);
        Assert.Equal(5, status.HourRemaining);
        Assert.Equal(0, status.DayRemaining);
    }

    [Fact]
    public async Task With_both_windows_full_the_next_slot_is_when_both_have_room()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var first = h.Clock.GetUtcNow();
        // 15 requests at the start of the day, then 5 more in the last hour of it: both windows are full.
        for (var hour = 0; hour < 3; hour++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
            }

            h.Clock.Advance(TimeSpan.FromMinutes(61));
        }

        h.Clock.Advance(first.AddHours(23).AddMinutes(25) - h.Clock.GetUtcNow());
        var lastHour = h.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
        }

        h.Clock.Advance(TimeSpan.FromMinutes(30));
        var refused = Assert.IsType<AdmissionResult.LimitReached>(await AdmitAsync(h, account.Id));

        // The day window frees at first+24h, in 5 minutes; the hour window only at lastHour+1h, in 30: a request
        // is possible at the later of the two.
        var status = await h.Main.Limits.GetStatusAsync(account.Id);
        Assert.Equal(0, status.HourRemaining);
        Assert.Equal(lastHour.AddHours(1), refused.NextSlotAt);
        Assert.Equal(LimitWindow.Hour, refused.Window);
        h.Clock.Advance(refused.NextSlotAt - h.Clock.GetUtcNow());
        Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
    }

    [Fact]
    public async Task A_failed_generation_gives_its_slot_and_tokens_back()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id)).GenerationId);
        }

        Assert.IsType<AdmissionResult.LimitReached>(await AdmitAsync(h, account.Id));
        Assert.True(await h.Main.Generations.FailAsync(ids[2], "unavailable", "provider down"));

        Assert.Equal(1, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
        Assert.Equal(46, (await h.ReloadAsync(account)).BonusTokens);
        Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Status_reports_what_is_left_and_when_the_next_slot_frees()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountAsync();
        var first = h.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await AdmitAsync(h, account.Id);
            h.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var status = await h.Main.Limits.GetStatusAsync(account.Id);

        Assert.Equal(5, status.HourLimit);
        Assert.Equal(0, status.HourRemaining);
        Assert.Equal(15, status.DayRemaining);
        Assert.Equal(LimitWindow.Hour, status.Exhausted);
        Assert.Equal(first.AddHours(1), status.NextSlotAt);
    }

    [Fact]
    public async Task Elite_has_no_request_limits()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("elite");
        for (var i = 0; i < 150; i++)
        {
            Assert.IsType<AdmissionResult.Admitted>(await AdmitAsync(h, account.Id));
        }

        var status = await h.Main.Limits.GetStatusAsync(account.Id);
        Assert.Null(status.HourRemaining);
        Assert.Null(status.Exhausted);
    }

    private static Task<AdmissionResult> AdmitAsync(CoreHarness h, long accountId) =>
        h.Main.Admission.AdmitAsync(new AdmissionRequest(accountId, "gemini-2.5-flash") { Prompt = "hello" }); // 1 token
}
