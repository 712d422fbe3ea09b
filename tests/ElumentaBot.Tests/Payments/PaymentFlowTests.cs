using System.Globalization;
using System.Text.Json.Nodes;
using Elumenta.Core.Payments;
using ElumentaBot.Dispatch;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Pre_checkout_refuses_a_wrong_amount_a_paid_order_and_another_users_order_with_a_clear_reason()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "advanced"));

        var wrongAmount = await h.PreCheckoutAsync(User, payload, 999);
        var otherUser = await h.PreCheckoutAsync(User + 1, payload, 1000);
        var unknown = await h.PreCheckoutAsync(User, "o_forged", 1000);
        await h.PayAsync(User, payload, 1000, "charge-paid");
        var paid = await h.PreCheckoutAsync(User, payload, 1000);

        AssertRefused(wrongAmount, "The price has changed. Please open /plans or /buy again for an up-to-date invoice.");
        AssertRefused(otherUser, "This invoice was made for another user. Please open /plans or /buy to get your own.");
        AssertRefused(unknown, "This invoice is no longer valid. Please open /plans or /buy and try again.");
        AssertRefused(paid, "This invoice has already been paid. Please open /plans or /buy for a new one.");
    }

    [Fact]
    public async Task Pre_checkout_is_answered_within_a_second_while_the_same_chat_is_busy()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var probe = new Probe { OnMessage = (_, ct) => Task.Delay(TimeSpan.FromSeconds(15), ct) };
        await using var h = await PaymentHarness.StartAsync(server, settings: new Dictionary<string, string?> { ["Telegram:ShutdownDeadlineSeconds"] = "1" },
            services: s => s.AddSingleton(probe).AddUpdateHandler<ProbeHandler>());
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "start"));
        h.Fake.SendText(User, "a long generation");
        await BotHarness.WaitUntilAsync(() => probe.Running == 1, PaymentHarness.Wait, "the chat is busy");

        var query = h.Fake.SendPreCheckoutQuery(User, payload, 140);
        var answer = (await h.Fake.WaitForCallsAsync("answerPreCheckoutQuery", 1, TimeSpan.FromSeconds(3))).Single();

        Assert.Equal("true", answer.String("ok"));
        Assert.True(answer.At - h.Fake.DeliveredAt[query] < TimeSpan.FromSeconds(1), $"answered after {answer.At - h.Fake.DeliveredAt[query]}");
        Assert.Equal(1, probe.Running);
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
    public async Task Forged_or_stale_pay_buttons_get_a_polite_answer_and_create_nothing()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        var ids = new[] { "pay:pkg:gigantic", "pay:plan:free", "pay:plan:" + new string('x', 50), "pay:whatever" }.Select(d => h.Fake.SendCallbackQuery(User, d)).ToArray();
        await h.WaitHandledAsync(ids);

        var answers = h.Fake.CallsTo("answerCallbackQuery");
        Assert.Equal(4, answers.Count);
        Assert.All(answers, a => Assert.Equal("This button is out of date. Please open /plans or /buy again.", a.String("text")));
        Assert.Equal(0, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM orders"));
    }

    [Fact]
    public async Task Plans_and_buy_list_the_four_paid_plans_and_the_eight_packages()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var h = await PaymentHarness.StartAsync(server);

        h.Fake.SendText(User, "/plans");
        h.Fake.SendText(User, "💎 Plans");
        h.Fake.SendText(User, "/buy");
        var messages = await h.WaitForMessagesAsync(User, 3);

        var plans = messages[0];
        Assert.Equal(plans.String("text"), messages[1].String("text"));
        Assert.Contains("Pro — 950 ⭐ / 30 days", plans.String("text"), StringComparison.Ordinal);
        Assert.Contains("60 requests per hour, 500 per day", plans.String("text"), StringComparison.Ordinal);
        Assert.Contains("no hourly or daily request limits", plans.String("text"), StringComparison.Ordinal);
        Assert.Equal(["pay:plan:basic", "pay:plan:pro", "pay:plan:vip", "pay:plan:elite", "pay:buy"], CallbackData(plans));
        Assert.Equal(9, CallbackData(messages[2]).Count);
        Assert.Contains("10,000 tokens — 10,000 ⭐", messages[2].String("text"), StringComparison.Ordinal);
    }

    internal static List<string> CallbackData(FakeCall message) =>
        message.Parameters["reply_markup"]!["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Select(b => b!["callback_data"]!.ToString()).ToList();

    private static void AssertRefused(FakeCall answer, string message)
    {
        Assert.Equal("false", answer.String("ok"));
        Assert.Equal(message, answer.String("error_message"));
    }
}
