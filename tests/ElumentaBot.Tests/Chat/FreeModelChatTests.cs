using Elumenta.Core.Billing;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Chat;

public sealed class FreeModelChatTests
{
    [Fact]
    public async Task A_starter_account_with_no_tokens_chats_with_gpt_5_nano_until_the_hourly_limit_and_is_refused_for_the_limit()
    {
        await using var chat = await ChatHarness.StartAsync();
        var id = await chat.AccountAsync(451, textModel: ChatHarness.OneTokenModel);
        await chat.Bot.Host.Services.GetRequiredService<BillingService>().AdminRevokeAsync(id, 50, adminId: 1);

        chat.Fake.SendText(451, "paid question");
        var tokens = await chat.WaitForMessageAsync(451, m => m.String("text")!.StartsWith("Not enough tokens", StringComparison.Ordinal));
        Assert.Equal("Not enough tokens: this request costs 1 token, your balance is 0 tokens.", tokens.String("text"));
        Assert.Equal(0, await chat.RateEventsAsync(451));

        await chat.AccountAsync(451, textModel: "gpt-5-nano");
        for (var i = 1; i <= 5; i++)
        {
            chat.Fake.SendText(451, $"free question {i}");
            await chat.WaitSettledAsync(451, i);
            Assert.Equal(0, await chat.BalanceAsync(451));
        }

        chat.Fake.SendText(451, "one too many");
        var limit = await chat.WaitForMessageAsync(451, m => m.String("text")!.Contains("limit", StringComparison.Ordinal));

        Assert.StartsWith("You've reached the Starter plan's limit of 5 requests per hour.", limit.String("text"), StringComparison.Ordinal);
        Assert.Single(chat.Sent(451), m => m.String("text")!.StartsWith("Not enough tokens", StringComparison.Ordinal));
        Assert.Equal(5, await chat.GenerationsAsync("completed"));
        Assert.Equal(5, chat.Model.Requests.Count);
        Assert.Equal(5, await chat.RateEventsAsync(451));
        Assert.Equal(0, await chat.BalanceAsync(451));
        Assert.Equal(0, await chat.Bot.QueryAsync<long>(
            "SELECT COUNT(*) FROM ledger WHERE account_id = @id AND kind IN ('reserve', 'capture', 'release')", new { id }));
        Assert.Equal(0, await chat.Bot.QueryAsync<long>("SELECT COALESCE(SUM(tokens_spent + price), 0) FROM generations"));
    }
}
