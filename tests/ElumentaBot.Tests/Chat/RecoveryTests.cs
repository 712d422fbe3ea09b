using Elumenta.Core.Generations;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Chat;

public sealed class RecoveryTests
{
    [Fact]
    public async Task A_text_answer_left_pending_by_a_crash_is_released_at_start_and_the_user_can_retry()
    {
        var db = Transport.BotHarness.NewDatabasePath();
        await using var server = await Sandbox.FakeBotApiServer.StartAsync();
        long generationId;
        long before;
        await using (var crashed = await ChatHarness.StartAsync(db, server: server))
        {
            var accountId = await crashed.AccountAsync(601);
            before = await crashed.BalanceAsync(601);
            var admitted = (AdmissionResult.Admitted)await crashed.Bot.Host.Services.GetRequiredService<Admission>()
                .AdmitAsync(new AdmissionRequest(accountId, ChatHarness.OneTokenModel) { ChatId = 601, Prompt = "lost in the crash" });
            generationId = admitted.GenerationId;
            var store = crashed.Bot.Host.Services.GetRequiredService<ElumentaBot.Chat.Conversations.ConversationStore>();
            await store.AppendAsync(601, await store.CurrentAsync(601), "user", "lost in the crash", ChatHarness.OneTokenModel, generationId);
        }

        await using var restarted = await ChatHarness.StartAsync(db, server: server);
        var notice = await restarted.WaitForMessageAsync(601, m => m.String("text")!.Contains("interrupted by a restart", StringComparison.Ordinal));
        Assert.Equal(before, await restarted.BalanceAsync(601));
        Assert.Equal([$"chat:retry:{generationId}", $"sup:gen:{generationId}"], RefusalTests.Buttons(notice));

        restarted.Fake.SendCallback(601, $"chat:retry:{generationId}", 1);
        await restarted.WaitSettledAsync(601, 2);
        Assert.Equal("lost in the crash", Assert.Single(restarted.Model.Requests).Turns[^1].Text);
        Assert.Equal(before - 1, await restarted.BalanceAsync(601));
    }

    [Fact]
    public async Task Stopping_the_host_mid_answer_releases_the_reservation()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(602);
        var before = await chat.BalanceAsync(602);
        chat.Model.ThenEndless(TimeSpan.FromMilliseconds(50));

        chat.Fake.SendText(602, "never finishes");
        await chat.Fake.WaitForCallsAsync("sendMessageDraft", 1, TimeSpan.FromSeconds(10));
        await chat.Bot.StopAsync();

        Assert.Equal(1, await chat.GenerationsAsync("failed"));
        Assert.Equal("interrupted", await chat.Bot.QueryAsync<string>("SELECT error_kind FROM generations"));
        Assert.Equal(before, await chat.BalanceAsync(602));
    }

    [Fact]
    public async Task A_question_waiting_behind_an_answer_when_the_bot_stops_is_answered_after_the_restart_and_charged_once()
    {
        var db = Transport.BotHarness.NewDatabasePath();
        await using var server = await Sandbox.FakeBotApiServer.StartAsync();
        long before;
        int waiting;
        await using (var stopped = await ChatHarness.StartAsync(db, server: server))
        {
            await stopped.AccountAsync(604, textModel: ChatHarness.OneTokenModel);
            before = await stopped.BalanceAsync(604);
            stopped.Model.ThenEndless(TimeSpan.FromMilliseconds(50));
            stopped.Fake.SendText(604, "the running one");
            await stopped.Fake.WaitForCallsAsync("sendMessageDraft", 1, TimeSpan.FromSeconds(10));
            waiting = stopped.Fake.SendText(604, "the waiting one");
            await stopped.WaitForMessageAsync(604, m => m.String("text")!.StartsWith('⏳'));
            await stopped.Bot.StopAsync();
            Assert.Equal("pending", await stopped.Bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @waiting", new { waiting }));
        }

        await using var restarted = await ChatHarness.StartAsync(db, server: server);
        await restarted.WaitSettledAsync(604, 2);
        Assert.EndsWith("the waiting one", Assert.Single(restarted.Model.Requests).Turns[^1].Text, StringComparison.Ordinal);
        await Transport.BotHarness.WaitUntilAsync(async () => await restarted.Bot.QueryAsync<string>(
            "SELECT status FROM update_inbox WHERE update_id = @waiting", new { waiting }) == "done", TimeSpan.FromSeconds(10), "the waiting update is done");
        // The running answer was released (not charged); the waiting one was asked once and charged once.
        Assert.Equal(before - 1, await restarted.BalanceAsync(604));
        Assert.Equal(1, await restarted.GenerationsAsync("completed"));
        Assert.Equal(1, await restarted.Bot.QueryAsync<long>(
            "SELECT COUNT(*) FROM chat_messages WHERE chat_id = 604 AND role = 'user' AND text = 'the waiting one'"));
    }

    [Fact]
    public async Task A_group_answer_interrupted_by_a_crash_has_its_thinking_message_edited_into_the_notice_not_a_second_message()
    {
        var db = Transport.BotHarness.NewDatabasePath();
        await using var server = await Sandbox.FakeBotApiServer.StartAsync();
        const long group = -6050;
        long generationId;
        await using (var running = await ChatHarness.StartAsync(db, server: server))
        {
            // While an answer streams in a group, the message it streams into is recorded on the generation.
            await running.AccountAsync(605, textModel: ChatHarness.OneTokenModel);
            running.Model.ThenEndless(TimeSpan.FromMilliseconds(50));
            running.Fake.SendGroupMention(group, 605, "a long one");
            await running.WaitForMessageAsync(group, m => m.String("text")!.Contains("Thinking", StringComparison.Ordinal));
            await Transport.BotHarness.WaitUntilAsync(async () => await running.Bot.QueryAsync<long?>(
                "SELECT live_message_id FROM generations WHERE chat_id = @group", new { group }) is not null, TimeSpan.FromSeconds(10), "the live message is recorded");

            // A crash leaves such a row pending, as this one (admitted like the runner does, its message recorded).
            var accountId = await running.AccountAsync(606, textModel: ChatHarness.OneTokenModel);
            var services = running.Bot.Host.Services;
            generationId = ((AdmissionResult.Admitted)await services.GetRequiredService<Admission>()
                .AdmitAsync(new AdmissionRequest(accountId, ChatHarness.OneTokenModel) { ChatId = group - 1, Prompt = "lost in the crash" })).GenerationId;
            await services.GetRequiredService<GenerationStore>().SetLiveMessageAsync(generationId, 4242);
        }

        await using var restarted = await ChatHarness.StartAsync(db, server: server);
        await Transport.BotHarness.WaitUntilAsync(() => restarted.Fake.CallsTo("editMessageText").Any(c => c.Long("chat_id") == group - 1),
            TimeSpan.FromSeconds(10), "recovery edits the interrupted answer's message");
        var edit = restarted.Fake.CallsTo("editMessageText").Single(c => c.Long("chat_id") == group - 1);
        Assert.Equal(4242, edit.Long("message_id"));
        Assert.Contains("interrupted by a restart", edit.String("text"), StringComparison.Ordinal);
        Assert.Contains($"chat:retry:{generationId}", edit.Parameters["reply_markup"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(restarted.Fake.CallsTo("sendMessage"), c => c.Long("chat_id") == group - 1);
    }
}
