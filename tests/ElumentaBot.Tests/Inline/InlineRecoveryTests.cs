using System.Text.Json.Nodes;
using Elumenta.Core.Generations;
using ElumentaBot.Tests.Chat;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Inline;

public sealed class InlineRecoveryTests
{
    [Fact]
    public async Task An_inline_answer_cut_off_by_a_crash_is_released_and_its_message_says_so_once()
    {
        var db = BotHarness.NewDatabasePath();
        await using var server = await Sandbox.FakeBotApiServer.StartAsync();
        long before;
        string messageId;
        await using (var crashed = await ChatHarness.StartAsync(db, server: server))
        {
            var accountId = await crashed.AccountAsync(721, textModel: ChatHarness.OneTokenModel);
            before = await crashed.BalanceAsync(721);
            messageId = crashed.Fake.AddInlineMessage("❓ lost\n\n⏳ Gemini 2.5 Flash is thinking…", new JsonObject { ["inline_keyboard"] = new JsonArray() });
            // Admitted as the chosen result would be, then the process "dies" before streaming anything.
            Assert.IsType<AdmissionResult.Admitted>(await crashed.Bot.Host.Services.GetRequiredService<Admission>()
                .AdmitAsync(new AdmissionRequest(accountId, ChatHarness.OneTokenModel) { Prompt = "lost", IdempotencyKey = "inline:" + messageId }));
            Assert.Equal(before - 1, await crashed.BalanceAsync(721));
        }

        await using (var restarted = await ChatHarness.StartAsync(db, server: server))
        {
            var told = await restarted.WaitMessageAsync(messageId, m => m.Edits > 0);
            Assert.Equal("❓ lost\n\nThe bot stopped while answering. No tokens were charged.", told.Text);
            Assert.Equal(["https://t.me/elumenta_sandbox_bot"], told.UrlButtons());
            await BotHarness.WaitUntilAsync(async () => await restarted.GenerationsAsync("failed") == 1, TimeSpan.FromSeconds(10), "the generation is released");
            Assert.Equal(before, await restarted.BalanceAsync(721));
        }

        await using var again = await ChatHarness.StartAsync(db, server: server);
        await BotHarness.WaitUntilAsync(async () => await again.Bot.QueryAsync<long>("SELECT COUNT(*) FROM inline_notices") == 1, TimeSpan.FromSeconds(5), "the notice is recorded");
        await Task.Delay(500);
        Assert.Single(again.Fake.CallsTo("editMessageText"), c => c.String("inline_message_id") == messageId);
    }

    [Fact]
    public async Task Stopping_the_host_mid_answer_releases_it_and_the_message_says_nothing_was_charged()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(722, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(722);
        chat.Model.ThenEndless(TimeSpan.FromMilliseconds(50));

        var (_, messageId) = await chat.AskAsync(722, "never finishes");
        await chat.WaitMessageAsync(messageId, m => m.Edits > 0);
        await chat.Bot.StopAsync();

        Assert.Equal("❓ never finishes\n\nThe bot stopped while answering. No tokens were charged.", chat.Fake.InlineMessage(messageId)!.Text);
        Assert.Equal("interrupted", await chat.Bot.QueryAsync<string>("SELECT error_kind FROM generations"));
        Assert.Equal(before, await chat.BalanceAsync(722));
    }
}
