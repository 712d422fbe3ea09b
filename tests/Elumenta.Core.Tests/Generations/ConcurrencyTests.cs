using Dapper;
using Elumenta.Core.Generations;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Generations;

/// <summary>Two stores on one file stand for the bot and the API process racing for the same account.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Two_hundred_concurrent_admissions_never_pass_the_hourly_limit()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("basic"); // 30 per hour, 350 tokens

        var results = await RaceAsync(h, account.Id, "gemini-2.5-flash", 200); // 1 token each

        Assert.Equal(30, results.Count(r => r is AdmissionResult.Admitted));
        Assert.Equal(170, results.Count(r => r is AdmissionResult.LimitReached));
        Assert.Equal(350 - 30, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(0, (await h.Main.Limits.GetStatusAsync(account.Id)).HourRemaining);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Two_hundred_concurrent_admissions_never_spend_more_than_the_balance()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("elite"); // unlimited requests
        await h.Main.Billing.AdminRevokeAsync(account.Id, 3050 - 37, adminId: 1); // 37 tokens left

        var results = await RaceAsync(h, account.Id, "gpt-5.2", 200); // 4 tokens each

        Assert.Equal(9, results.Count(r => r is AdmissionResult.Admitted));
        Assert.All(results.OfType<AdmissionResult.InsufficientTokens>(), r => Assert.Equal(4, r.Price));
        Assert.Equal(1, (await h.ReloadAsync(account)).Balance);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Racing_completion_and_failure_settle_each_generation_exactly_once()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("elite");
        var admitted = (await RaceAsync(h, account.Id, "gpt-5", 40)).OfType<AdmissionResult.Admitted>().ToList();
        Assert.Equal(40, admitted.Count);

        var outcomes = await Task.WhenAll(admitted.SelectMany(a => new[]
        {
            Task.Run(() => h.Main.Generations.CompleteAsync(a.GenerationId, new GenerationResult { Text = "done" })),
            Task.Run(() => h.SecondProcess.Generations.FailAsync(a.GenerationId, "timeout", null)),
            Task.Run(() => h.SecondProcess.Generations.CompleteAsync(a.GenerationId, new GenerationResult { Text = "again" })),
        }));

        Assert.Equal(40, outcomes.Count(won => won));
        var completed = 0;
        foreach (var a in admitted)
        {
            completed += (await h.Main.Generations.GetAsync(a.GenerationId))!.Status == GenerationStatus.Completed ? 1 : 0;
        }

        Assert.Equal(3050 - (completed * 2), (await h.ReloadAsync(account)).Balance);
        await h.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task Admissions_racing_to_take_one_source_row_admit_it_once_and_the_losers_write_nothing()
    {
        // The bot's chat question: its inbox row is marked done in the admission's transaction. Two instances (or a
        // restart) running the same update race here; one admits, the others see the row taken and admit nothing.
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("elite");
        await h.Main.Store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO update_inbox (update_id, chat_key, kind, raw, received_at) VALUES (77, 1, 'message', '{}', 0)", transaction: t)));
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(() =>
        {
            start.Wait();
            return (i % 2 == 0 ? h.Main : h.SecondProcess).Admission.AdmitAsync(new AdmissionRequest(account.Id, "gpt-5.2")
            {
                Prompt = "once",
                Once = async (c, t, now, ct) => await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE update_inbox SET status = 'done', handled_at = @now WHERE update_id = 77 AND status <> 'done'",
                    new { now }, t, cancellationToken: ct)) == 1,
            });
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results.OfType<AdmissionResult.Admitted>());
        Assert.Equal(39, results.Count(r => r is AdmissionResult.Repeated));
        Assert.Equal(3050 - 4, (await h.ReloadAsync(account)).Balance);
        Assert.Equal(1L, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM rate_events")));
        Assert.Equal(1L, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM generations")));
        await h.AssertBooksBalanceAsync();
    }

    private static async Task<AdmissionResult[]> RaceAsync(CoreHarness h, long accountId, string model, int count)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(() =>
        {
            start.Wait();
            var services = i % 2 == 0 ? h.Main : h.SecondProcess;
            return services.Admission.AdmitAsync(new AdmissionRequest(accountId, model) { Prompt = "race", Source = i % 2 == 0 ? "bot" : "api" });
        })).ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
