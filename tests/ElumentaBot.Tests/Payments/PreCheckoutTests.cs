using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Payments;

public sealed class PreCheckoutTests
{
    private const long User = 5101;

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
            services: s => s.AddTextProbe(probe));
        var payload = PaymentHarness.Payload(await h.OrderPackageAsync(User, "start"));
        h.Fake.SendText(User, "a long generation");
        await BotHarness.WaitUntilAsync(() => probe.Running == 1, PaymentHarness.Wait, "the chat is busy");

        var query = h.Fake.SendPreCheckoutQuery(User, payload, 140);
        var answer = (await h.Fake.WaitForCallsAsync("answerPreCheckoutQuery", 1, TimeSpan.FromSeconds(3))).Single();

        Assert.Equal("true", answer.String("ok"));
        Assert.True(answer.At - h.Fake.DeliveredAt[query] < TimeSpan.FromSeconds(1), $"answered after {answer.At - h.Fake.DeliveredAt[query]}");
        Assert.Equal(1, probe.Running);
    }

    private static void AssertRefused(FakeCall answer, string message)
    {
        Assert.Equal("false", answer.String("ok"));
        Assert.Equal(message, answer.String("error_message"));
    }
}
