using Elumenta.Core.Generations;
using Elumenta.Core.Payments;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Payments;

public sealed class PaymentServiceTests
{
    [Fact]
    public async Task A_token_package_is_credited_to_the_bonus_pool_once_however_often_the_payment_is_delivered()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 500);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Package, "standard"))!;
        Assert.IsType<PreCheckoutDecision.Accept>(await kit.Orders.JudgePreCheckoutAsync(500, order.Id, "XTR", 450));

        var results = new List<FulfilmentResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(500, order, "tg-charge-1")));
        }

        var fulfilled = Assert.IsType<FulfilmentResult.Fulfilled>(results[0]);
        Assert.All(results.Skip(1), r => Assert.IsType<FulfilmentResult.Duplicate>(r));
        Assert.Equal(200, fulfilled.Payment.TokensCredited);
        Assert.Equal(250, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Equal("paid", (await kit.Orders.FindAsync(order.Id))!.Status);
        Assert.Single(await h.LedgerAsync(account.Id), e => e.Kind == "package_purchase" && e.Amount == 200);
    }

    [Fact]
    public async Task The_same_payment_racing_from_two_processes_is_credited_once()
    {
        await using var h = await CoreHarness.StartAsync();
        var one = new PaymentTestKit(h, h.Main);
        var two = new PaymentTestKit(h, h.SecondProcess);
        var account = await h.NewAccountAsync(telegramUserId: 501);
        var order = (await one.Orders.CreateAsync(account.Id, OrderKind.Package, "ultra"))!;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            (i % 2 == 0 ? one : two).Payments.FulfilAsync(PaymentTestKit.Paid(501, order, "tg-race")))));

        Assert.Single(results, r => r is FulfilmentResult.Fulfilled);
        Assert.Equal(10_050, (await h.ReloadAsync(account)).BonusTokens);
    }

    [Fact]
    public async Task Two_real_payments_of_one_invoice_are_both_credited()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 502);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Package, "light"))!;

        Assert.IsType<FulfilmentResult.Fulfilled>(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(502, order, "charge-a")));
        Assert.IsType<FulfilmentResult.Fulfilled>(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(502, order, "charge-b")));

        Assert.Equal(250, (await h.ReloadAsync(account)).BonusTokens);
    }

    [Fact]
    public async Task Pre_checkout_refuses_a_wrong_amount_a_paid_order_another_users_order_and_an_unknown_one()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var owner = await h.NewAccountAsync(telegramUserId: 600);
        await h.NewAccountAsync(telegramUserId: 601);
        var order = (await kit.Orders.CreateAsync(owner.Id, OrderKind.Package, "start"))!;

        Assert.Equal(PreCheckoutRefusal.PriceChanged, Refusal(await kit.Orders.JudgePreCheckoutAsync(600, order.Id, "XTR", 139)));
        Assert.Equal(PreCheckoutRefusal.WrongCurrency, Refusal(await kit.Orders.JudgePreCheckoutAsync(600, order.Id, "USD", 140)));
        Assert.Equal(PreCheckoutRefusal.NotYourOrder, Refusal(await kit.Orders.JudgePreCheckoutAsync(601, order.Id, "XTR", 140)));
        Assert.Equal(PreCheckoutRefusal.UnknownOrder, Refusal(await kit.Orders.JudgePreCheckoutAsync(600, "o_forged", "XTR", 140)));

        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(600, order, "paid-1"));
        Assert.Equal(PreCheckoutRefusal.AlreadyPaid, Refusal(await kit.Orders.JudgePreCheckoutAsync(600, order.Id, "XTR", 140)));
    }

    [Fact]
    public async Task A_plan_subscription_starts_renews_after_30_days_and_renewal_checkouts_are_accepted()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 700);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Plan, "pro"))!;

        var first = Assert.IsType<FulfilmentResult.Fulfilled>(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(700, order, "sub-1", recurring: true, first: true)));
        Assert.Equal("sub-1", first.Payment.SubscriptionChargeId);
        account = await h.ReloadAsync(account);
        Assert.Equal(("pro", 700), (account.Plan, account.PlanTokens));
        await h.Main.Admission.AdmitAsync(new Elumenta.Core.Generations.AdmissionRequest(account.Id, "gpt-5.2"));

        h.Clock.Advance(TimeSpan.FromDays(30));
        Assert.IsType<PreCheckoutDecision.Accept>(await kit.Orders.JudgePreCheckoutAsync(700, order.Id, "XTR", 950));
        var renewal = Assert.IsType<FulfilmentResult.Fulfilled>(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(700, order, "sub-2", recurring: true)));

        Assert.Equal("sub-1", renewal.Payment.SubscriptionChargeId);
        Assert.Null(renewal.CancelSubscriptionChargeId);
        account = await h.ReloadAsync(account);
        Assert.Equal(700, account.PlanTokens);
        Assert.Equal(h.Clock.GetUtcNow().AddDays(30), account.PlanEndsAt);
        Assert.Equal(0, await h.Main.Billing.ExpireDueAsync());
    }

    [Fact]
    public async Task Buying_another_plan_asks_for_the_old_subscription_to_be_cancelled_until_telegram_confirms()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 800);
        var basic = (await kit.Orders.CreateAsync(account.Id, OrderKind.Plan, "basic"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(800, basic, "basic-1", recurring: true, first: true));

        var vip = (await kit.Orders.CreateAsync(account.Id, OrderKind.Plan, "vip"))!;
        var replaced = Assert.IsType<FulfilmentResult.Fulfilled>(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(800, vip, "vip-1", recurring: true, first: true)));

        Assert.Equal("basic-1", replaced.CancelSubscriptionChargeId);
        Assert.Equal([(800L, "basic-1")], await kit.Payments.PendingSubscriptionCancelsAsync());
        Assert.Equal(PreCheckoutRefusal.AlreadyPaid, Refusal(await kit.Orders.JudgePreCheckoutAsync(800, basic.Id, "XTR", 500)));
        await kit.Payments.MarkSubscriptionCanceledAsync("basic-1");
        Assert.Empty(await kit.Payments.PendingSubscriptionCancelsAsync());
        Assert.Equal(("vip", 1500), ((await h.ReloadAsync(account)).Plan, (await h.ReloadAsync(account)).PlanTokens));
    }

    [Fact]
    public async Task A_late_renewal_of_a_replaced_plan_keeps_the_current_plan_and_credits_its_tokens()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 801);
        var basic = (await kit.Orders.CreateAsync(account.Id, OrderKind.Plan, "basic"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(801, basic, "basic-1", recurring: true, first: true));
        var pro = (await kit.Orders.CreateAsync(account.Id, OrderKind.Plan, "pro"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(801, pro, "pro-1", recurring: true, first: true));
        h.Clock.Advance(TimeSpan.FromDays(30));
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(801, pro, "pro-2", recurring: true));

        // Basic's cancel is still failing at Telegram and its renewal arrives a month late.
        var late = Assert.IsType<FulfilmentResult.Fulfilled>(await kit.Payments.FulfilAsync(PaymentTestKit.Paid(801, basic, "basic-2", recurring: true)));

        var after = await h.ReloadAsync(account);
        Assert.Equal("pro", after.Plan);
        Assert.Equal(700, after.PlanTokens);
        Assert.Equal(50 + 300, after.BonusTokens);
        Assert.Null(late.Payment.CycleId);
        Assert.Equal(300, late.Payment.TokensCredited);
        Assert.Contains((801L, "basic-1"), await kit.Payments.PendingSubscriptionCancelsAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refund_also_claims_package_tokens_that_a_pending_generation_gives_back(bool generationFails)
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 901);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Package, "light"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(901, order, "refund-reserved"));
        await h.Main.Billing.AdminRevokeAsync(account.Id, 142, adminId: 1); // 8 of 150 left
        // A pending request reserves 5 of those 8: they are not spent yet.
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "dall-e-3") { Prompt = "x" }));
        Assert.Equal(5, admitted.ReservedBonus);

        var refund = Assert.IsType<RefundResult.Refunded>(await kit.Payments.RecordRefundAsync("refund-reserved"));
        Assert.Equal(3, refund.TokensTaken);
        if (generationFails)
        {
            await h.Main.Generations.FailAsync(admitted.GenerationId, "unavailable", "provider down");
        }
        else
        {
            await h.Main.Generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Url = "https://example.com/x.png" });
        }

        // Failed, the 5 released tokens pay the refund instead of returning to the user; completed, they were spent.
        // Either way the refunded package leaves no tokens behind.
        Assert.Equal(0, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Equal(generationFails ? 8 : 3, await h.Main.Store.ReadAsync(c => Dapper.SqlMapper.ExecuteScalarAsync<int>(c,
            "SELECT -SUM(amount) FROM ledger WHERE kind = 'refund' AND payment_charge_id = 'refund-reserved'")));
    }

    [Fact]
    public async Task The_refund_is_paid_by_whichever_pending_request_gives_tokens_back()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 902);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Package, "light"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(902, order, "refund-two"));
        await h.Main.Billing.AdminRevokeAsync(account.Id, 139, adminId: 1); // 11 of 150 left
        var first = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "dall-e-3") { Prompt = "x" }));
        var second = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "dall-e-3") { Prompt = "y" }));
        Assert.Equal(1, (await h.ReloadAsync(account)).BonusTokens);

        await kit.Payments.RecordRefundAsync("refund-two"); // takes 1 now; 10 are held by the two requests
        await h.Main.Generations.CompleteAsync(first.GenerationId, new GenerationResult { Url = "https://example.com/1.png" });
        await h.Main.Generations.FailAsync(second.GenerationId, "unavailable", "down");

        // The first spent its 5; the second's 5 come back and pay the refund, whichever request held which tokens.
        Assert.Equal(0, (await h.ReloadAsync(account)).BonusTokens);
        // A request made after the refund is not taken from when it fails.
        await h.Main.Billing.AdminGrantAsync(account.Id, 5, adminId: 1);
        var later = Assert.IsType<AdmissionResult.Admitted>(await h.Main.Admission.AdmitAsync(new AdmissionRequest(account.Id, "dall-e-3") { Prompt = "z" }));
        await h.Main.Generations.FailAsync(later.GenerationId, "unavailable", "down");
        Assert.Equal(5, (await h.ReloadAsync(account)).BonusTokens);
    }

    [Fact]
    public async Task Refunding_a_package_twice_takes_back_what_is_left_once()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 900);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Package, "light"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(900, order, "refund-me"));
        await h.Main.Billing.AdminRevokeAsync(account.Id, 120, adminId: 1); // 30 of 150 left

        var first = Assert.IsType<RefundResult.Refunded>(await kit.Payments.RecordRefundAsync("refund-me"));
        var second = await kit.Payments.RecordRefundAsync("refund-me");

        Assert.Equal(30, first.TokensTaken);
        Assert.Contains("70 of 100 tokens were already spent", first.Payment.RefundNote, StringComparison.Ordinal);
        Assert.IsType<RefundResult.AlreadyRefunded>(second);
        Assert.Equal(0, (await h.ReloadAsync(account)).BonusTokens);
        Assert.Equal("refunded", (await kit.Orders.FindAsync(order.Id))!.Status);
        Assert.IsType<RefundResult.UnknownCharge>(await kit.Payments.RecordRefundAsync("nope"));
    }

    [Fact]
    public async Task Refunding_the_current_plan_ends_it_now_and_keeps_the_bonus()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 901);
        var order = (await kit.Orders.CreateAsync(account.Id, OrderKind.Plan, "elite"))!;
        await kit.Payments.FulfilAsync(PaymentTestKit.Paid(901, order, "elite-1", recurring: true, first: true));

        var refunded = Assert.IsType<RefundResult.Refunded>(await kit.Payments.RecordRefundAsync("elite-1"));

        Assert.True(refunded.PlanEnded);
        account = await h.ReloadAsync(account);
        Assert.Equal(("free", 0, 50), (account.Plan, account.PlanTokens, account.BonusTokens));
        Assert.IsType<RefundResult.AlreadyRefunded>(await kit.Payments.RecordRefundAsync("elite-1"));
    }

    [Fact]
    public async Task A_payment_for_an_unknown_order_is_recorded_for_support_and_credits_nothing()
    {
        await using var h = await CoreHarness.StartAsync();
        var kit = new PaymentTestKit(h, h.Main);
        var account = await h.NewAccountAsync(telegramUserId: 950);

        var result = await kit.Payments.FulfilAsync(new SuccessfulPaymentInfo(950, "XTR", 140, "o_unknown", "orphan-1"));

        var unmatched = Assert.IsType<FulfilmentResult.Unmatched>(result);
        Assert.Equal("unmatched", unmatched.Payment.Status);
        Assert.Equal(50, (await h.ReloadAsync(account)).BonusTokens);
        Assert.IsType<FulfilmentResult.Duplicate>(await kit.Payments.FulfilAsync(new SuccessfulPaymentInfo(950, "XTR", 140, "o_unknown", "orphan-1")));
    }

    private static PreCheckoutRefusal Refusal(PreCheckoutDecision decision) => Assert.IsType<PreCheckoutDecision.Refuse>(decision).Reason;
}
