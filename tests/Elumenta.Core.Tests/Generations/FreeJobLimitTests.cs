using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Generations;

/// <summary>No shipped async model is free, so a catalog with a free photon-flash shows the job limit still holds at price 0.</summary>
public sealed class FreeJobLimitTests
{
    [Fact]
    public async Task A_free_async_job_still_counts_against_the_plans_concurrent_jobs()
    {
        await using var h = await CoreHarness.StartAsync();
        var options = CatalogConfig.LoadOptions();
        var photon = options.Models.Single(m => m.Slug == "photon-flash");
        (photon.Price.Amount, photon.MinPrice, photon.MaxPrice) = (0, 0, 0);
        var admission = new Admission(h.Main.Store, new ModelCatalog(Options.Create(options)), h.Clock);
        var account = await h.NewAccountAsync();

        var first = Assert.IsType<AdmissionResult.Admitted>(await admission.AdmitAsync(new AdmissionRequest(account.Id, "photon-flash")));
        Assert.Equal(1, Assert.IsType<AdmissionResult.TooManyJobs>(await admission.AdmitAsync(new AdmissionRequest(account.Id, "photon-flash"))).Limit);

        Assert.True(await h.Main.Generations.CompleteAsync(first.GenerationId, new GenerationResult { Url = "https://cdn/p.jpg" }));
        Assert.IsType<AdmissionResult.Admitted>(await admission.AdmitAsync(new AdmissionRequest(account.Id, "photon-flash")));
        Assert.Equal(50, (await h.ReloadAsync(account)).Balance);
        Assert.DoesNotContain(await h.LedgerAsync(account.Id), e => e.Kind is "reserve" or "capture" or "release");
    }
}
