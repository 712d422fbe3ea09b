namespace ElumentaBot.Tests.Chat;

public sealed class QueueTests
{
    [Fact]
    public async Task One_runs_three_wait_with_their_place_a_fifth_is_refused_and_cancel_charges_nothing()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(301, plan: "elite");
        var before = await chat.BalanceAsync(301);
        chat.Model.ThenEndless(TimeSpan.FromMilliseconds(30));

        for (var i = 1; i <= 5; i++)
        {
            chat.Fake.SendText(301, $"question {i}");
        }

        await chat.WaitForMessageAsync(301, m => m.String("text")!.Contains("Too many messages", StringComparison.Ordinal));
        await Transport.BotHarness.WaitUntilAsync(() => chat.Fake.CallsTo("sendMessageDraft").Count >= 2, TimeSpan.FromSeconds(10), "the first answer streams");
        chat.Fake.SendText(301, "/cancel");
        var cancelled = await chat.WaitForMessageAsync(301, m => m.String("text")!.StartsWith("⏹", StringComparison.Ordinal));
        await chat.WaitSettledAsync(301, 1);

        var texts = chat.Sent(301).Select(m => m.String("text")!).ToList();
        Assert.Equal(
            ["⏳ Your message is queued: 1st in line.", "⏳ Your message is queued: 2nd in line.", "⏳ Your message is queued: 3rd in line."],
            texts.Where(t => t.StartsWith('⏳')));
        Assert.Contains("Queue cleared: 3 waiting removed.", cancelled.String("text"), StringComparison.Ordinal);
        Assert.Single(chat.Model.Requests);
        Assert.Equal(1, await chat.GenerationsAsync("canceled"));
        Assert.Equal(before, await chat.BalanceAsync(301));
        Assert.Equal(0, await chat.RateEventsAsync(301));
        await Task.Delay(300);
        Assert.Single(chat.Model.Requests);
    }

    [Fact]
    public async Task Cancel_does_not_wait_behind_the_stream_and_a_new_message_runs_afterwards()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(302, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(302);
        chat.Model.ThenEndless(TimeSpan.FromMilliseconds(50));

        chat.Fake.SendText(302, "long one");
        await Transport.BotHarness.WaitUntilAsync(() => chat.Fake.CallsTo("sendMessageDraft").Count >= 1, TimeSpan.FromSeconds(10), "streaming started");
        chat.Fake.SendText(302, "/cancel");
        await chat.WaitForMessageAsync(302, m => m.String("text") == "⏹ Stopped. No tokens were charged for this answer.");
        chat.Fake.SendText(302, "short one");
        await chat.WaitSettledAsync(302, 2);

        Assert.Equal(1, await chat.GenerationsAsync("completed"));
        Assert.Equal(before - 1, await chat.BalanceAsync(302));
        var history = await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM chat_messages WHERE chat_id = 302 AND role = 'assistant'");
        Assert.Equal(1, history);
    }

    [Fact]
    public async Task The_draft_stop_button_stops_the_answer_without_charge()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(303);
        var before = await chat.BalanceAsync(303);
        chat.Model.ThenEndless(TimeSpan.FromMilliseconds(50));

        chat.Fake.SendText(303, "long one");
        var drafts = await chat.Fake.WaitForCallsAsync("sendMessageDraft", 1, TimeSpan.FromSeconds(10));
        chat.Fake.SendStop(303, drafts[0].Long("draft_id")!.Value);
        await chat.WaitSettledAsync(303, 1);

        Assert.Equal(1, await chat.GenerationsAsync("canceled"));
        Assert.Equal(before, await chat.BalanceAsync(303));
        Assert.Equal(true, drafts[0].Parameters["can_stop"]?.GetValue<bool>());
    }
}
