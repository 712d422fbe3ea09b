using System.Runtime.CompilerServices;
using Elumenta.Providers;
using ElumentaBot.Chat;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Chat;

/// <summary>
/// Issue 10, "side effects happen once": a message queued behind a running answer whose "queued" notice fails
/// (5xx or timeout) is answered and charged once, not once per delivery attempt of its update.
/// </summary>
public sealed class QueueOnceTests
{
    private const string Model = "gemini-2.5-flash";

    [Theory]
    [InlineData("502")]
    [InlineData("timeout")]
    public async Task A_queued_prompt_whose_notice_fails_once_is_answered_once_and_charged_once(string fault)
    {
        await using var chat = await ChatHarness.StartAsync(settings: new Dictionary<string, string?> { ["Telegram:RequestTimeoutSeconds"] = "1" });
        const long user = 311;
        await chat.AccountAsync(user, textModel: Model);
        var before = await chat.BalanceAsync(user);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Model.Then((_, ct) => Held(release.Task, "First answer.", ct));
        chat.Model.ThenAnswer("Second answer.");

        chat.Fake.SendText(user, "first question");
        await BotHarness.WaitUntilAsync(() => chat.Model.Requests.Count == 1, TimeSpan.FromSeconds(10), "the first answer is running");
        // The running answer sends no message until it is released: the next sendMessage is the "queued" notice.
        Assert.Empty(chat.Sent(user));
        if (fault == "502")
        {
            chat.Fake.Fail("sendMessage", 502, "Bad Gateway", times: 1);
        }
        else
        {
            chat.Fake.Delay("sendMessage", TimeSpan.FromSeconds(3), times: 1);
        }

        var second = chat.Fake.SendText(user, "second question");
        var notice = await chat.WaitForMessageAsync(user, m => m.String("text")!.StartsWith('⏳'));
        Assert.Equal("⏳ Your message is queued: 1st in line.", notice.String("text"));
        await BotHarness.WaitUntilAsync(() => chat.Sent(user)[0].Status != 200, TimeSpan.FromSeconds(10), "the notice failed");
        Assert.Equal(fault == "502" ? 502 : 499, chat.Sent(user)[0].Status);

        release.SetResult();
        await chat.WaitSettledAsync(user, 2);
        await WaitHandledAsync(chat, second);
        await Task.Delay(300);

        Assert.Equal(["first question", "second question"], chat.Model.Requests.Select(r => r.Turns[^1].Text));
        Assert.Equal(2, await chat.GenerationsAsync("completed"));
        Assert.Equal(0, await chat.GenerationsAsync("pending"));
        Assert.Equal(2, await chat.RateEventsAsync(user));
        Assert.Equal(before - 2, await chat.BalanceAsync(user));
        Assert.Equal(1, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM chat_messages WHERE chat_id = @user AND role = 'user' AND text = 'second question'", new { user }));
        var delivered = chat.Sent(user).Where(m => m.Status == 200).Select(m => m.String("text")).ToList();
        Assert.Equal(1, delivered.Count(t => t!.Contains("First answer.", StringComparison.Ordinal)));
        Assert.Equal(1, delivered.Count(t => t!.Contains("Second answer.", StringComparison.Ordinal)));
        Assert.DoesNotContain(delivered, t => t!.StartsWith('⏳') && !t.Contains("1st", StringComparison.Ordinal));
        // Sending the notice never decided whether the work happens: the update succeeded on its first attempt.
        Assert.Equal(0, await chat.Bot.QueryAsync<long>("SELECT attempts FROM update_inbox WHERE update_id = @second", new { second }));
    }

    [Fact]
    public async Task A_redelivered_attempt_of_a_queued_update_finds_its_job_instead_of_queueing_it_again()
    {
        await using var chat = await ChatHarness.StartAsync();
        const long user = 312;
        var account = await chat.AccountAsync(user, textModel: Model);
        var before = await chat.BalanceAsync(user);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Model.Then((_, ct) => Held(release.Task, "First answer.", ct));
        chat.Model.ThenAnswer("Second answer.");

        chat.Fake.SendText(user, "first question");
        await BotHarness.WaitUntilAsync(() => chat.Model.Requests.Count == 1, TimeSpan.FromSeconds(10), "the first answer is running");
        var second = chat.Fake.SendText(user, "second question");
        await chat.WaitForMessageAsync(user, m => m.String("text") == "⏳ Your message is queued: 1st in line.");
        // Waiting, not yet admitted: its update stays pending, so a crash now asks it again instead of losing it.
        await Task.Delay(300);
        Assert.Equal("pending", await chat.Bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @second", new { second }));

        // What a second attempt of the same update does (its first one failed after the job was admitted).
        var again = chat.Sessions.Enqueue(new ChatJob(user, true, account, "en", Model, new ChatInput.Text("second question")) { UpdateId = second });
        Assert.Equal(new EnqueueResult(EnqueueStatus.Queued, 1, Repeated: true), again);
        Assert.True(chat.Sessions.WasAdmitted(second));

        release.SetResult();
        await chat.WaitSettledAsync(user, 2);
        await WaitHandledAsync(chat, second);
        await Task.Delay(300);

        // Ended, it is still recognised: a late attempt neither queues nor runs it again.
        var late = chat.Sessions.Enqueue(new ChatJob(user, true, account, "en", Model, new ChatInput.Text("second question")) { UpdateId = second });
        Assert.True(late.Repeated);
        await Task.Delay(300);
        Assert.Equal(0, chat.Sessions.Count(user));
        Assert.Equal(2, chat.Model.Requests.Count);
        Assert.Equal(2, await chat.GenerationsAsync("completed"));
        Assert.Equal(before - 2, await chat.BalanceAsync(user));
        Assert.Equal(1, chat.Sent(user).Count(m => m.String("text")!.Contains("Second answer.", StringComparison.Ordinal)));
    }

    private static Task WaitHandledAsync(ChatHarness chat, int updateId) =>
        BotHarness.WaitUntilAsync(async () => await chat.Bot.QueryAsync<long>(
            "SELECT COUNT(*) FROM update_inbox WHERE status IN ('done', 'failed') AND update_id = @updateId", new { updateId }) == 1,
            TimeSpan.FromSeconds(20), $"update {updateId} is handled");

    /// <summary>An answer that starts, then waits for the test before it finishes.</summary>
    private static async IAsyncEnumerable<ChatDelta> Held(Task release, string answer, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        yield return new ChatDelta(answer[..5]);
        await release.WaitAsync(ct);
        yield return new ChatDelta(answer[5..]);
    }
}
