using Dapper;
using Elumenta.Core.Coordination;
using Elumenta.Core.Storage;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Coordination;

/// <summary>Leases on the engine under test, from two stores on one database (two processes).</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Only_one_of_two_holders_gets_a_free_lease_and_the_other_is_refused_until_it_expires()
    {
        await using var h = await CoreHarness.StartAsync();
        var a = new Leases(h.Main.Store, h.Clock);
        var b = new Leases(h.SecondProcess.Store, h.Clock);

        var results = await Task.WhenAll(a.TryAcquireAsync("scheduler", "a", Ttl), b.TryAcquireAsync("scheduler", "b", Ttl));
        Assert.Single(results, r => r);
        var (winner, loser, winnerName, loserName) = results[0] ? (a, b, "a", "b") : (b, a, "b", "a");

        Assert.True(await winner.TryAcquireAsync("scheduler", winnerName, Ttl)); // renewal
        Assert.False(await loser.TryAcquireAsync("scheduler", loserName, Ttl));
        h.Clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.False(await loser.TryAcquireAsync("scheduler", loserName, Ttl));
        Assert.Equal(winnerName, await loser.HolderAsync("scheduler"));

        h.Clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.True(await loser.TryAcquireAsync("scheduler", loserName, Ttl)); // taken over: the winner stopped renewing
        Assert.False(await winner.TryAcquireAsync("scheduler", winnerName, Ttl));
        Assert.False(await winner.ReleaseAsync("scheduler", winnerName)); // not its lease any more
        Assert.True(await loser.ReleaseAsync("scheduler", loserName));
        Assert.True(await winner.TryAcquireAsync("scheduler", winnerName, Ttl)); // released: free at once
    }

    [Fact]
    public async Task Many_racing_rounds_never_give_a_lease_to_two_holders()
    {
        await using var h = await CoreHarness.StartAsync();
        var stores = new[] { h.Main.Store, h.SecondProcess.Store };
        for (var round = 0; round < 15; round++)
        {
            h.Clock.Advance(Ttl + TimeSpan.FromMilliseconds(1)); // whoever held it last round has expired
            var attempts = Enumerable.Range(0, 6).Select(i => new Leases(stores[i % 2], h.Clock).TryAcquireAsync("polling", $"holder-{i}", Ttl));
            var won = (await Task.WhenAll(attempts)).Count(r => r);
            Assert.Equal(1, won);
        }
    }

    [Fact]
    public async Task Work_under_a_lease_runs_on_one_coordinator_at_a_time_and_a_standby_takes_over_after_a_stop()
    {
        await using var h = await CoreHarness.StartAsync();
        var options = Options.Create(new CoordinationOptions { Enabled = true, LeaseSeconds = 1 });
        Coordinator Make(Store store) => new(store, new InstanceIdentity(TimeProvider.System), new Leases(store, TimeProvider.System), options,
            TimeProvider.System, NullLogger<Coordinator>.Instance);
        var first = Make(h.Main.Store);
        var second = Make(h.SecondProcess.Store);
        var running = 0;
        var maxRunning = 0;
        var ran = new List<string>();
        Func<CancellationToken, Task> Work(string who) => async ct =>
        {
            lock (ran)
            {
                ran.Add(who);
                maxRunning = Math.Max(maxRunning, ++running);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                lock (ran)
                {
                    running--;
                }
            }
        };

        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var a = first.RunWhileHeldAsync("singleton", Work("first"), stopFirst.Token);
        await Task.Delay(300);
        var b = second.RunWhileHeldAsync("singleton", Work("second"), stopSecond.Token);
        await Task.Delay(1500);
        Assert.Equal(["first"], ran); // the standby never ran while the lease was renewed

        await stopFirst.CancelAsync();
        await a;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (ran.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["first", "second"], ran);
        Assert.Equal(1, maxRunning);
        await stopSecond.CancelAsync();
        await b;
        Assert.Equal(0L, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM leases")));
    }
}
