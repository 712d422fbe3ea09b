using Elumenta.Core.Coordination;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Coordination;

/// <summary>Recovery with several instances: only a dead instance's open work is released, and only once.</summary>
public sealed class OrphanTests
{
    private const double LeaseSeconds = 2;

    [Fact]
    public async Task A_dead_instances_open_generation_is_released_once_and_a_live_instances_is_left_alone()
    {
        await using var h = await CoreHarness.StartAsync();
        var live = new InstanceIdentity(h.Clock, "bot");
        var dying = new InstanceIdentity(h.Clock, "bot");
        var instances = new Instances(h.Main.Store, h.Clock);
        await instances.BeatAsync(live);
        await instances.BeatAsync(dying);
        var account = await h.NewAccountOnPlanAsync("basic");
        var running = await AdmitAsync(h, h.Main.Store, account.Id, live);
        var cutOff = await AdmitAsync(h, h.SecondProcess.Store, account.Id, dying);

        var survivors = new[] { Orphans(h.Main.Store, h.Clock), Orphans(h.SecondProcess.Store, h.Clock) };
        Assert.Empty(await survivors[0].OpenAsync(asyncOnly: false, "bot")); // both alive: nothing is anyone's to release

        h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds / 2));
        await instances.BeatAsync(live);
        h.Clock.Advance(TimeSpan.FromSeconds(LeaseSeconds / 2 + 0.1)); // "dying" was SIGKILLed: no beat for a lease
        var found = await Task.WhenAll(survivors.Select(o => o.OpenAsync(asyncOnly: false, "bot")));
        Assert.All(found, f => Assert.Equal([cutOff], f.Select(g => g.Id)));

        // Two survivors' sweeps race to release it: the conditional settlement lets exactly one through.
        var released = await Task.WhenAll(
            h.Main.Generations.FailAsync(cutOff, "interrupted", "gone"),
            h.SecondProcess.Generations.FailAsync(cutOff, "interrupted", "gone"));
        Assert.Single(released, r => r);
        Assert.Equal(GenerationStatus.Failed, (await h.Main.Generations.GetAsync(cutOff))!.Status);
        Assert.Equal(GenerationStatus.Pending, (await h.Main.Generations.GetAsync(running))!.Status);
        Assert.Empty(await survivors[0].OpenAsync(asyncOnly: false, "bot"));
    }

    [Fact]
    public async Task Without_coordination_every_open_generation_is_a_previous_runs()
    {
        await using var h = await CoreHarness.StartAsync();
        var account = await h.NewAccountOnPlanAsync("basic");
        var id = await AdmitAsync(h, h.Main.Store, account.Id, new InstanceIdentity(h.Clock));
        var single = new Orphans(h.Main.Store, Coordinator(h.Main.Store, h.Clock, enabled: false));
        Assert.Equal([id], (await single.OpenAsync(asyncOnly: false, "bot")).Select(g => g.Id));
    }

    private static Orphans Orphans(Store store, TimeProvider clock) => new(store, Coordinator(store, clock, enabled: true));

    private static Coordinator Coordinator(Store store, TimeProvider clock, bool enabled) =>
        new(store, new InstanceIdentity(clock), new Leases(store, clock),
            Options.Create(new CoordinationOptions { Enabled = enabled, LeaseSeconds = LeaseSeconds }), clock, NullLogger<Coordinator>.Instance);

    private static async Task<long> AdmitAsync(CoreHarness h, Store store, long accountId, InstanceIdentity admitter)
    {
        var admission = new Admission(store, CoreHarness.Catalog, h.Clock, instance: admitter);
        var result = await admission.AdmitAsync(new AdmissionRequest(accountId, "dall-e-3") { Prompt = "hi", ChatId = 5 });
        return Assert.IsType<AdmissionResult.Admitted>(result).GenerationId;
    }
}
