using Elumenta.Core.Growth;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Growth;

public sealed class PromoCodeTests
{
    [Fact]
    public async Task Fifty_accounts_racing_for_the_last_use_from_two_processes_credit_exactly_one()
    {
        await using var h = await CoreHarness.StartAsync();
        var one = new GrowthKit(h, h.Main);
        var two = new GrowthKit(h, h.SecondProcess);
        await one.CreatePromoAsync("LAST", 100, 2, TimeSpan.FromDays(1));
        var early = (await one.StartAsync(999, null)).Account;
        Assert.Equal(PromoRedeem.Credited, (await one.Promos.RedeemAsync(early.Id, "last", h.Clock.NowMsForTests())).Outcome);
        var racers = new List<Elumenta.Core.Accounts.Account>();
        for (var i = 0; i < 50; i++)
        {
            racers.Add((await one.StartAsync(1000 + i, null)).Account);
        }

        var results = await Task.WhenAll(racers.Select((a, i) => Task.Run(() =>
            (i % 2 == 0 ? one : two).Promos.RedeemAsync(a.Id, i % 3 == 0 ? "Last" : "LAST", h.Clock.NowMsForTests()))));

        Assert.Single(results, r => r.Outcome == PromoRedeem.Credited);
        Assert.Equal(49, results.Count(r => r.Outcome == PromoRedeem.UsedUp));
        var balances = await Task.WhenAll(racers.Select(one.BonusAsync));
        Assert.Single(balances, b => b == 150);
        Assert.Equal(49, balances.Count(b => b == 50));
        Assert.Equal(2, (await one.Promos.ListAsync(10)).Single().Uses);
    }

    [Fact]
    public async Task Each_refusal_has_its_own_outcome_and_changes_nothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        var user = (await kit.StartAsync(1, null)).Account;
        var other = (await kit.StartAsync(2, null)).Account;
        await kit.CreatePromoAsync("ONCE", 10, 5, TimeSpan.FromDays(2));
        await kit.CreatePromoAsync("SOON", 10, 5, TimeSpan.FromHours(1));
        await kit.CreatePromoAsync("ONE", 10, 1, TimeSpan.FromDays(2));
        await kit.CreatePromoAsync("GONE", 10, 5, TimeSpan.FromDays(2));
        await h.Main.Store.WriteAsync((c, t) => PromoCodes.EndAsync(c, t, "gone", h.Clock.NowMsForTests(), CancellationToken.None));

        Assert.Equal(new PromoRedemption(PromoRedeem.Credited, 10), await kit.Promos.RedeemAsync(user.Id, "once", h.Clock.NowMsForTests()));
        Assert.Equal(PromoRedeem.AlreadyUsed, (await kit.Promos.RedeemAsync(user.Id, "ONCE", h.Clock.NowMsForTests())).Outcome);
        Assert.Equal(PromoRedeem.Credited, (await kit.Promos.RedeemAsync(other.Id, "one", h.Clock.NowMsForTests())).Outcome);
        Assert.Equal(PromoRedeem.UsedUp, (await kit.Promos.RedeemAsync(user.Id, "ONE", h.Clock.NowMsForTests())).Outcome);
        Assert.Equal(PromoRedeem.Ended, (await kit.Promos.RedeemAsync(user.Id, "GONE", h.Clock.NowMsForTests())).Outcome);
        Assert.Equal(PromoRedeem.Unknown, (await kit.Promos.RedeemAsync(user.Id, "NOPE", h.Clock.NowMsForTests())).Outcome);
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PromoRedeem.Expired, (await kit.Promos.RedeemAsync(user.Id, "soon", h.Clock.NowMsForTests())).Outcome);

        Assert.Equal(60, await kit.BonusAsync(user));
        Assert.Single(await h.LedgerAsync(user.Id), e => e.Kind == "promo");
        var uses = (await kit.Promos.ListAsync(10)).ToDictionary(p => p.Code, p => p.Uses);
        Assert.Equal(new Dictionary<string, int> { ["ONCE"] = 1, ["SOON"] = 0, ["ONE"] = 1, ["GONE"] = 0 }, uses);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_whatever_its_case()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        await kit.CreatePromoAsync("SPRING", 10, 5, TimeSpan.FromDays(2));

        var again = await h.Main.Store.WriteAsync((c, t) => PromoCodes.CreateAsync(c, t, "spring", 99, 1, long.MaxValue, 1, 0, CancellationToken.None));

        Assert.Equal(PromoCreate.Duplicate, again);
        Assert.Equal(10, (await kit.Promos.ListAsync(10)).Single().Tokens);
    }
}

internal static class ClockExtensions
{
    public static long NowMsForTests(this TimeProvider clock) => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
