using System.Globalization;
using Elumenta.Core.Payments;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Payments;

public sealed class PaymentFlowTests
{
    private const long User = 5001;

    [Fact]
    public async Task A_package_goes_from_button_to_invoice_to_credit_with_one_confirmation()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        var invoice = await h.OrderPackageAsync(User, "standard");
        Assert.Equal(User, invoice.Long("chat_id"));
        Assert.Equal("XTR", invoice.String("currency"));
        var price = Assert.Single(invoice.Parameters["prices"]!.AsArray());
        Assert.Equal(450, price!["amount"]!.GetValue<long>());
        Assert.True(string.IsNullOrEmpty(invoice.String("provider_token")));
        var payload = PaymentHarness.Payload(invoice);
        Assert.Equal("open", (await h.Get<OrderService>().FindAsync(payload))!.Status);

        var answer = await h.PreCheckoutAsync(User, payload, 450);
        Assert.Equal("true", answer.String("ok"));

        var payment = await h.PayAsync(User, payload, 450, "charge-pkg-1");
        Assert.Equal(200, payment.TokensCredited);
        Assert.Equal(250, (await h.AccountAsync(User))!.BonusTokens);
        var confirmation = Assert.Single(h.Messages(User));
        Assert.Contains("+200 tokens", confirmation.String("text"), StringComparison.Ordinal);
        Assert.Contains("Balance: 250 tokens", confirmation.String("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_is_a_30_day_star_subscription_link_and_its_payment_activates_the_plan()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        var link = await h.OrderPlanAsync(User, "pro");
        Assert.Equal(2_592_000, link.Long("subscription_period"));
        Assert.Equal("XTR", link.String("currency"));
        Assert.Equal(950, Assert.Single(link.Parameters["prices"]!.AsArray())!["amount"]!.GetValue<long>());
        var payload = PaymentHarness.Payload(link);
        var offer = Assert.Single(await h.WaitForMessagesAsync(User, 1));
        var button = offer.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.StartsWith("https://t.me/$sandbox_", button["url"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(button["url"]!.ToString(), (await h.Get<OrderService>().FindAsync(payload))!.InvoiceLink);

        Assert.Equal("true", (await h.PreCheckoutAsync(User, payload, 950)).String("ok"));
        await h.PayAsync(User, payload, 950, "charge-plan-1", recurring: true, first: true);

        var account = (await h.AccountAsync(User))!;
        Assert.Equal(("pro", 700, 50), (account.Plan, account.PlanTokens, account.BonusTokens));
        var ends = account.PlanEndsAt!.Value;
        Assert.InRange(ends - h.Clock.GetUtcNow(), TimeSpan.FromDays(29.99), TimeSpan.FromDays(30));
        var messages = h.Messages(User);
        Assert.Equal(2, messages.Count);
        Assert.Contains($"Plan: Pro, active until {ends.ToString("MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"))}", messages[1].String("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_successful_payment_delivered_three_times_credits_once_and_confirms_once()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));

        var first = h.Fake.SendSuccessfulPayment(User, payload, 250, "charge-dup");
        await h.WaitConfirmedAsync("charge-dup");
        var again = h.Fake.SendSuccessfulPayment(User, payload, 250, "charge-dup");
        h.Fake.Redeliver([first]);
        var third = h.Fake.SendSuccessfulPayment(User, payload, 250, "charge-dup");
        await h.WaitHandledAsync(first, again, third);

        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Single(h.Messages(User));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'package_purchase'"));
    }

    [Fact]
    public async Task Two_payments_of_one_invoice_are_two_credits_and_two_confirmations()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "start"));

        await h.PayAsync(User, payload, 140, "charge-a");
        await h.PayAsync(User, payload, 140, "charge-b");

        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Equal(2, h.Messages(User).Count);
    }

    [Fact]
    public async Task A_payment_for_an_unknown_order_is_recorded_and_the_user_is_sent_to_support()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        await h.PayAsync(User, "o_lost", 450, "charge-orphan");

        var message = Assert.Single(h.Messages(User));
        Assert.Contains("Support has been notified", message.String("text"), StringComparison.Ordinal);
        Assert.StartsWith("https://t.me/ElumentaSupportBot?start=t_", message.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["url"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM support_tickets WHERE reason = 'payment'"));
        Assert.Equal(50, (await h.AccountAsync(User))!.BonusTokens);
    }

    [Fact]
    public async Task A_payer_banned_after_pre_checkout_is_still_credited_and_confirmed()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "light"));
        Assert.Equal("true", (await h.PreCheckoutAsync(User, payload, 250)).String("ok"));
        await h.Get<Elumenta.Core.Accounts.AccountService>().SetBannedAsync((await h.AccountAsync(User))!.Id, true);

        await h.PayAsync(User, payload, 250, "charge-banned");

        Assert.Equal(150, (await h.AccountAsync(User))!.BonusTokens);
        Assert.Contains("+100 tokens", Assert.Single(h.Messages(User)).String("text"), StringComparison.Ordinal);
    }
}
