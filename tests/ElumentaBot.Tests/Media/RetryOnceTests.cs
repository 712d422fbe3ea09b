using Elumenta.Core.Catalog;
using ElumentaBot.Profile;
using ElumentaBot.Tests.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Media;

/// <summary>
/// Issue 10, "side effects happen once": media callbacks do not wait in the chat's queue, so two taps on Retry
/// can be handled together. They admit the request once; the other tap is told so and charged nothing.
/// </summary>
public sealed class RetryOnceTests
{
    private const long User = 521;
    private const string Gone = "This request was already retried or can't be repeated.";

    [Fact]
    public async Task Two_taps_on_retry_back_to_back_admit_once_and_the_second_is_answered_politely()
    {
        await using var replicate = await ReplicateResultServer.StartAsync();
        replicate.FailFirst = 1;
        await using var h = await MediaHarness.StartAsync(replicate.Settings());
        var account = await h.UserAsync(User, BotMode.Image, plan: "basic", settings: s => s.WithModel(ModelCategory.Image, "flux-1.1-pro"));
        var before = await h.BalanceAsync(User);

        h.Fake.SendText(User, "a forbidden picture");
        var notice = await h.MessageContainingAsync("No tokens were charged", "editMessageText");
        var retry = MediaHarness.Button(notice, "Retry");
        Assert.StartsWith("mr:", retry, StringComparison.Ordinal);
        Assert.Equal(1, await h.GenerationCountAsync(account));
        Assert.Equal(before, await h.BalanceAsync(User));

        var first = h.Fake.SendCallbackQuery(User, retry);
        var second = h.Fake.SendCallbackQuery(User, retry);
        await WaitHandledAsync(h, first, second);
        var photo = Assert.Single(await h.CallsAsync("sendPhoto", 1));
        await BotHarness.WaitUntilAsync(async () => (await h.LastGenerationAsync(account)).Status == "completed", MediaHarness.Wait, "the retry completed");
        await Task.Delay(500);

        Assert.Equal(replicate.OutputUrl, photo.String("photo"));
        Assert.Equal(2, await h.GenerationCountAsync(account));
        Assert.Equal(2, replicate.Created);
        Assert.Single(h.Fake.CallsTo("sendPhoto"));
        var completed = await h.LastGenerationAsync(account);
        Assert.True(completed.Price > 0);
        Assert.Equal(before - completed.Price, await h.BalanceAsync(User));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM ledger WHERE kind = 'capture' AND account_id = @account", new { account }));

        var answers = h.Fake.CallsTo("answerCallbackQuery");
        Assert.Equal(2, answers.Count);
        Assert.Single(answers, a => a.String("text") is null);
        var polite = Assert.Single(answers, a => a.String("text") is not null);
        Assert.Equal(Gone, polite.String("text"));
    }

    [Fact]
    public async Task A_retry_tapped_again_after_it_ran_is_refused_without_a_charge()
    {
        await using var replicate = await ReplicateResultServer.StartAsync();
        replicate.FailFirst = 1;
        await using var h = await MediaHarness.StartAsync(replicate.Settings());
        var account = await h.UserAsync(User, BotMode.Image, plan: "basic", settings: s => s.WithModel(ModelCategory.Image, "flux-1.1-pro"));
        var before = await h.BalanceAsync(User);

        h.Fake.SendText(User, "a forbidden picture");
        var retry = MediaHarness.Button(await h.MessageContainingAsync("No tokens were charged", "editMessageText"), "Retry");
        await WaitHandledAsync(h, h.Fake.SendCallbackQuery(User, retry));
        await h.CallsAsync("sendPhoto", 1);
        await BotHarness.WaitUntilAsync(async () => (await h.LastGenerationAsync(account)).Status == "completed", MediaHarness.Wait, "the retry completed");
        var charged = await h.BalanceAsync(User);
        Assert.True(charged < before);

        await WaitHandledAsync(h, h.Fake.SendCallbackQuery(User, retry));
        await Task.Delay(500);

        Assert.Equal(Gone, h.Fake.CallsTo("answerCallbackQuery")[^1].String("text"));
        Assert.Equal(2, await h.GenerationCountAsync(account));
        Assert.Equal(2, replicate.Created);
        Assert.Equal(charged, await h.BalanceAsync(User));
        Assert.Single(h.Fake.CallsTo("sendPhoto"));
    }

    private static Task WaitHandledAsync(MediaHarness h, params int[] updateIds) =>
        BotHarness.WaitUntilAsync(async () => await h.Bot.QueryAsync<long>(
            "SELECT COUNT(*) FROM update_inbox WHERE status IN ('done', 'failed') AND update_id IN @updateIds", new { updateIds }) == updateIds.Length,
            MediaHarness.Wait, "the taps are handled");

    /// <summary>Replicate whose first prediction fails its safety check and later ones succeed with an image URL it serves.</summary>
}
