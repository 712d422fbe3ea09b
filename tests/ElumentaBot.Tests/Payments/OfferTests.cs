using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Payments;

public sealed class OfferTests
{
    private const long User = 5201;

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
}
