using Dapper;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Growth;

public sealed class ReferralTests
{
    [Fact]
    public async Task A_code_is_opaque_and_stays_the_same_for_its_account()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        var a = (await kit.StartAsync(4242, null)).Account;

        var first = await kit.Referrals.CodeAsync(a.Id);
        var second = await new GrowthKit(h, h.SecondProcess).Referrals.CodeAsync(a.Id);

        Assert.Equal(first, second);
        Assert.Matches("^[a-z2-9]{10}$", first);
        Assert.DoesNotContain("4242", first, StringComparison.Ordinal);
        Assert.NotEqual(first, await kit.Referrals.CodeAsync((await kit.StartAsync(4243, null)).Account.Id));
    }

    [Fact]
    public async Task In_a_chain_only_the_direct_inviter_earns_and_the_payer_gets_the_first_payment_gift()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        var a = (await kit.StartAsync(1, null)).Account;
        var b = await kit.JoinThroughAsync(2, a);
        var c = await kit.JoinThroughAsync(3, b);

        Assert.IsType<FulfilmentResult.Fulfilled>(await kit.PayPackageAsync(c, "standard", "charge-c"));

        Assert.Equal(a.Id, await kit.InviterOfAsync(b));
        Assert.Equal(b.Id, await kit.InviterOfAsync(c));
        Assert.Equal(50, await kit.BonusAsync(a));
        Assert.Equal(50 + 20, await kit.BonusAsync(b));
        Assert.Equal(50 + 200 + 25, await kit.BonusAsync(c));
        Assert.Contains(await h.LedgerAsync(b.Id), e => e is ("referral_bonus", "bonus", 20));
        Assert.Equal(new(1, 20), await kit.Referrals.StatsAsync(b.Id));
        Assert.Equal(new(1, 0), await kit.Referrals.StatsAsync(a.Id));
    }

    [Fact]
    public async Task Ones_own_link_and_an_existing_account_never_make_a_referral()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        var a = (await kit.StartAsync(1, null)).Account;
        var b = (await kit.StartAsync(2, null)).Account;
        var code = "ref-" + await kit.Referrals.CodeAsync(a.Id);

        Assert.False((await kit.StartAsync(1, code)).Created);
        Assert.False((await kit.StartAsync(2, code)).Created);
        await kit.PayPackageAsync(b, "standard", "charge-b");

        Assert.Null(await kit.InviterOfAsync(a));
        Assert.Null(await kit.InviterOfAsync(b));
        Assert.Equal(50, await kit.BonusAsync(a));
        Assert.Equal(250, await kit.BonusAsync(b));
        Assert.Equal(new(0, 0), await kit.Referrals.StatsAsync(a.Id));
    }

    [Fact]
    public async Task An_unknown_code_makes_no_referral_and_the_account_is_still_created()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);

        var session = await kit.StartAsync(7, "ref-nosuchcode");

        Assert.True(session.Created);
        Assert.Null(await kit.InviterOfAsync(session.Account));
    }

    [Fact]
    public async Task A_renewal_earns_the_inviter_again_but_the_gift_comes_only_with_the_first_payment()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        var a = (await kit.StartAsync(1, null)).Account;
        var b = await kit.JoinThroughAsync(2, a);
        var order = (await kit.Orders.CreateAsync(b.Id, OrderKind.Plan, "basic"))!;

        await kit.Payments.FulfilAsync(new SuccessfulPaymentInfo(2, "XTR", order.Stars, order.Id, "sub-1") { IsRecurring = true, IsFirstRecurring = true });
        h.Clock.Advance(TimeSpan.FromDays(30));
        await kit.Payments.FulfilAsync(new SuccessfulPaymentInfo(2, "XTR", order.Stars, order.Id, "sub-2") { IsRecurring = true });

        Assert.Equal(50 + 30 + 30, await kit.BonusAsync(a));
        Assert.Equal(50 + 25, await kit.BonusAsync(b));
    }

    [Fact]
    public async Task Concurrent_payments_from_two_processes_credit_each_once_and_the_gift_once_and_a_redelivery_changes_nothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var one = new GrowthKit(h, h.Main);
        var two = new GrowthKit(h, h.SecondProcess);
        var a = (await one.StartAsync(1, null)).Account;
        var b = await one.JoinThroughAsync(2, a);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
            (i % 2 == 0 ? one : two).PayPackageAsync(b, "standard", $"charge-{i % 6}"))));

        Assert.Equal(6, results.Count(r => r is FulfilmentResult.Fulfilled));
        Assert.Equal(50 + 6 * 20, await one.BonusAsync(a));
        Assert.Equal(50 + 6 * 200 + 25, await one.BonusAsync(b));
        Assert.Equal(7, await h.Main.Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'referral_bonus'")));
    }

    [Fact]
    public async Task A_refund_reverses_exactly_what_its_payment_caused_never_below_zero_and_once()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new GrowthKit(h, h.Main);
        var a = (await kit.StartAsync(1, null)).Account;
        var b = await kit.JoinThroughAsync(2, a);
        await kit.PayPackageAsync(b, "standard", "charge-1");
        await kit.PayPackageAsync(b, "light", "charge-2");
        Assert.Equal(50 + 20 + 10, await kit.BonusAsync(a));
        await h.Main.Billing.AdminRevokeAsync(a.Id, 65, adminId: 9);

        Assert.IsType<RefundResult.Refunded>(await kit.Payments.RecordRefundAsync("charge-1"));
        Assert.IsType<RefundResult.AlreadyRefunded>(await kit.Payments.RecordRefundAsync("charge-1"));

        // The inviter had 15 left of the 20 this payment gave: 15 are taken, the 5 already spent are noted.
        Assert.Equal(0, await kit.BonusAsync(a));
        Assert.Equal(50 + 100, await kit.BonusAsync(b));
        var notes = await h.Main.Store.ReadAsync(async c => (await c.QueryAsync<(long, long, string?)>(
            "SELECT account_id, amount, note FROM ledger WHERE kind = 'referral_bonus' AND amount <= 0 ORDER BY id")).ToList());
        Assert.Equal([(a.Id, -15L, "5 of 20 referral tokens were already spent"), (b.Id, -25L, null)], notes);
        // Earned counts what was not taken back: the 10 of the other payment and the 5 spent before the refund.
        Assert.Equal(new(1, 10 + 5), await kit.Referrals.StatsAsync(a.Id));
    }
}
