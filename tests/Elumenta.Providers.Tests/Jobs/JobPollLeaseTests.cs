using Dapper;
using Elumenta.Core.Catalog;
using Elumenta.Core.Coordination;
using Elumenta.Core.Generations;
using Elumenta.Providers.Jobs;
using Elumenta.Providers.Tests.Infrastructure;
using Elumenta.Providers.Tests.Media;
using Microsoft.Extensions.DependencyInjection;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Jobs;

/// <summary>Two instances' pollers on one PostgreSQL database: each job is polled by one of them at a time.</summary>
public sealed class JobPollLeaseTests
{
    private const double LeaseSeconds = 5; // Replicate is polled every 2 s: half a lease is one poll interval

    [Fact]
    public async Task Two_pollers_poll_each_job_from_one_of_them_and_the_other_takes_over_when_it_stops_renewing()
    {
        await using var h = await JobHarness.StartOnPostgresAsync((ProviderName.Replicate, "/v1"));
        if (h is null)
        {
            return;
        }

        await using var a = h.StartInstance(LeaseSeconds);
        await using var b = h.StartInstance(LeaseSeconds);
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var (_, id, _) = await h.AdmitAsync("minimax-video", telegramUserId: 2000 + i);
            await h.Generations.SetProviderJobAsync(id, $"job{i}");
            h.Fake.On("GET", $"/v1/predictions/job{i}", Json(200, ReplicateTests.Prediction($"job{i}", "processing")));
            ids.Add(id);
        }

        var pollerA = a.GetRequiredService<JobPoller>();
        var pollerB = b.GetRequiredService<JobPoller>();
        const int passes = 3;
        for (var pass = 0; pass < passes; pass++)
        {
            await Task.WhenAll(pollerA.PollOnceAsync(default), pollerB.PollOnceAsync(default));
            h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds / 2)); // past Replicate's poll interval, within the lease
        }

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.Equal(passes, h.Fake.To("GET", $"/v1/predictions/job{i}").Count);
        }

        var holders = await HoldersAsync(h);
        var idA = a.GetRequiredService<InstanceIdentity>().Id;
        var idB = b.GetRequiredService<InstanceIdentity>().Id;
        Assert.All(holders, x => Assert.Contains(x, new[] { idA, idB }));

        // The holder of job0 stops renewing (SIGKILL): the other poller leaves it alone until the lease runs out.
        var (dead, survivor, survivorId) = holders[0] == idA ? (pollerA, pollerB, idB) : (pollerB, pollerA, idA);
        GC.KeepAlive(dead);
        await survivor.PollOnceAsync(default);
        Assert.Equal(passes, h.Fake.To("GET", "/v1/predictions/job0").Count);
        h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds + 0.1));
        await survivor.PollOnceAsync(default);
        Assert.Equal(passes + 1, h.Fake.To("GET", "/v1/predictions/job0").Count);
        Assert.All(await HoldersAsync(h), x => Assert.Equal(survivorId, x));

        // It settles once, on the survivor.
        h.Fake.On("GET", "/v1/predictions/job0", Json(200, ReplicateTests.Prediction("job0", "succeeded", "\"https://replicate.delivery/v/0.mp4\"")));
        h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds / 2));
        await Task.WhenAll(pollerA.PollOnceAsync(default), pollerB.PollOnceAsync(default));
        Assert.Equal(GenerationStatus.Completed, (await h.Generations.GetAsync(ids[0]))!.Status);
        Assert.Single(h.Listener.Settled, s => s.GenerationId == ids[0]);
    }

    [Fact]
    public async Task A_job_never_handed_to_a_provider_is_failed_only_once_its_admitting_instance_is_dead()
    {
        await using var h = await JobHarness.StartOnPostgresAsync((ProviderName.Replicate, "/v1"));
        if (h is null)
        {
            return;
        }

        await using var poller = h.StartInstance(LeaseSeconds);
        var admitter = new InstanceIdentity(h.Clock, "bot");
        await new Instances(h.Store, h.Clock).BeatAsync(admitter);
        var (_, id, _) = await h.AdmitAsync("minimax-video", admitter: admitter);
        h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds / 2)); // admitted "before" the poller started: the old rule would fail it

        Assert.Equal(0, await poller.GetRequiredService<JobPoller>().PollOnceAsync(default));
        Assert.Equal(GenerationStatus.Pending, (await h.Generations.GetAsync(id))!.Status);

        h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds)); // the admitter's heartbeat is now stale
        Assert.Equal(1, await poller.GetRequiredService<JobPoller>().PollOnceAsync(default));
        Assert.Equal(("failed", "unavailable"), ((await h.Generations.GetAsync(id))!.Status, (await h.Generations.GetAsync(id))!.ErrorKind));
    }

    private static async Task<List<string>> HoldersAsync(JobHarness h) =>
        (await h.Store.ReadAsync(c => c.QueryAsync<string>("SELECT poll_holder FROM generations WHERE status = 'pending' ORDER BY id"))).ToList();
}
