using Elumenta.Core.Payments;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Payments;

public sealed class RefundTests
{
    private const long User = 8001;
    private const long Admin = PaymentHarness.AdminId;

    [Fact]
    public async Task An_admin_refund_calls_telegram_first_reverses_once_and_a_second_refund_or_message_changes_nothing()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "standard"));
        await h.PayAsync(User, payload, 450, "charge-r1");

        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/refund charge-r1"));

        var refund = Assert.Single(h.Fake.CallsTo("refundStarPayment"));
        Assert.Equal((User, "charge-r1"), (refund.Long("user_id")!.Value, refund.String("telegram_payment_charge_id")));
        Assert.Equal(50, (await h.AccountAsync(User))!.BonusTokens);
        Assert.StartsWith("↩️ Your payment of 450 ⭐ (Standard) was refunded. 200 tokens were removed", h.Messages(User)[^1].String("text"), StringComparison.Ordinal);
        Assert.StartsWith("✅ Refunded 450 ⭐ (charge charge-r1)", h.Messages(Admin)[^1].String("text"), StringComparison.Ordinal);
        var userMessages = h.Messages(User).Count;

        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/refund charge-r1"));
        await h.WaitHandledAsync(h.Fake.SendRefundedPayment(User, payload, 450, "charge-r1"));

        Assert.Single(h.Fake.CallsTo("refundStarPayment"));
        Assert.Equal("Charge charge-r1 was already refunded; nothing changed.", h.Messages(Admin)[^1].String("text"));
        Assert.Equal(userMessages, h.Messages(User).Count);
        Assert.Equal(50, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'refund'"));
    }

    [Fact]
    public async Task A_refunded_payment_message_records_the_refund_once_and_ends_the_plan()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPlanAsync(User, "pro"));
        await h.PayAsync(User, payload, 950, "sub-r", recurring: true, first: true);

        await h.WaitHandledAsync(h.Fake.SendRefundedPayment(User, payload, 950, "sub-r"));
        var afterFirst = h.Messages(User).Count;
        await h.WaitHandledAsync(h.Fake.SendRefundedPayment(User, payload, 950, "sub-r"));
        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/refund sub-r"));

        var account = (await h.AccountAsync(User))!;
        Assert.Equal(("free", 0, 50), (account.Plan, account.PlanTokens, account.BonusTokens));
        Assert.StartsWith("↩️ Your payment of 950 ⭐ for the Pro plan was refunded. The plan has ended", h.Messages(User)[afterFirst - 1].String("text"), StringComparison.Ordinal);
        Assert.Equal(afterFirst, h.Messages(User).Count);
        Assert.Empty(h.Fake.CallsTo("refundStarPayment"));
        Assert.Equal("refunded", (await h.Get<PaymentService>().FindAsync("sub-r"))!.Status);
        // The refunded plan must not renew and charge again.
        var cancel = Assert.Single(h.Fake.CallsTo("editUserStarSubscription"));
        Assert.Equal("sub-r", cancel.String("telegram_payment_charge_id"));
    }

    [Fact]
    public async Task A_charge_telegram_already_refunded_is_recorded_and_a_refused_refund_changes_nothing()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));
        await h.PayAsync(User, payload, 250, "charge-a");
        await h.PayAsync(User, payload, 250, "charge-b");

        h.Fake.Fail("refundStarPayment", 400, "Bad Request: CHARGE_ALREADY_REFUNDED");
        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/refund charge-a"));
        h.Fake.Fail("refundStarPayment", 400, "Bad Request: CHARGE_NOT_FOUND");
        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/refund charge-b"));
        await h.WaitHandledAsync(h.Fake.SendText(Admin, "/refund nope"));

        Assert.Equal("refunded", (await h.Get<PaymentService>().FindAsync("charge-a"))!.Status);
        Assert.Equal("fulfilled", (await h.Get<PaymentService>().FindAsync("charge-b"))!.Status);
        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        var replies = h.Messages(Admin).Select(m => m.String("text")).ToList();
        Assert.StartsWith("✅ Refunded 250 ⭐ (charge charge-a)", replies[^3], StringComparison.Ordinal);
        Assert.Equal("Telegram refused the refund of charge-b: Bad Request: CHARGE_NOT_FOUND. Nothing was changed.", replies[^2]);
        Assert.Equal("No payment with charge id nope.", replies[^1]);
    }
}
