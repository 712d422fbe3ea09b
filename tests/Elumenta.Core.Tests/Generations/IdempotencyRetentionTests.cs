using Dapper;
using Elumenta.Core.Generations;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Generations;

public sealed class IdempotencyRetentionTests
{
    [Fact]
    public async Task A_key_is_honoured_for_its_retention_and_then_pruned_so_its_reuse_starts_a_new_generation()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("vip");
        var keys = new IdempotencyKeys(h.Main.Store, h.Clock);
        AdmissionRequest Request(string key) => new(account.Id, "gpt-5") { Source = "api", Prompt = "hi", IdempotencyKey = key, RequestHash = "h" };

        var old = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(Request("old")));
        await h.Main.Generations.CompleteAsync(old.GenerationId, new GenerationResult { Text = "answer" });
        h.Clock.Advance(TimeSpan.FromDays(6));
        var young = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(Request("young")));
        await h.Main.Generations.CompleteAsync(young.GenerationId, new GenerationResult { Text = "answer" });

        // Six days on, both keys still answer the first request; at day 7 and a bit only the older one goes.
        Assert.Equal(old.GenerationId, Assert.IsType<AdmissionResult.Repeated>(await h.Main.Admission.AdmitAsync(Request("old"))).GenerationId);
        Assert.Equal(0, await keys.PruneAsync());
        h.Clock.Advance(TimeSpan.FromDays(1.5));
        Assert.Equal(1, await keys.PruneAsync());

        Assert.Equal(young.GenerationId, Assert.IsType<AdmissionResult.Repeated>(await h.Main.Admission.AdmitAsync(Request("young"))).GenerationId);
        var again = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(Request("old")));
        Assert.NotEqual(old.GenerationId, again.GenerationId);
        // The generations themselves (history, the ledger) are not touched by the pruning.
        Assert.Equal(3, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM generations WHERE account_id = @Id", new { account.Id })));
        await h.AssertBooksBalanceAsync();
    }
}
