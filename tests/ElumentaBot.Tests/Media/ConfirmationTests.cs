using ElumentaBot.Media.Confirmations;
using ElumentaBot.Profile;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Media;

public sealed class ConfirmationTests
{
    private static Func<UserSettings, UserSettings> Video(string model) =>
        s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Video, model) with { VideoDuration = "5" };

    [Fact]
    public async Task A_request_of_30_tokens_or_more_waits_for_confirm_with_the_price_then_runs_and_charges_it()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(201, BotMode.Video, plan: "basic", settings: Video("luma-ray2"));

        h.Fake.SendText(201, "waves at sunset");
        var card = await h.MessageContainingAsync("Price: 42 tokens");
        Assert.Equal(0, await h.GenerationCountAsync(account));
        Assert.Equal(350, await h.BalanceAsync(201));

        h.Fake.SendCallbackQuery(201, MediaHarness.Button(card, "Confirm — 42 tokens"));

        await h.CallsAsync("sendVideo", 1);
        Assert.Contains(h.Fake.CallsTo("sendChatAction"), c => c.String("action") == "upload_video");
        Assert.Equal(350 - 42, await h.BalanceAsync(201));
    }

    [Fact]
    public async Task A_double_confirm_admits_once_and_the_second_tap_is_told_politely()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(202, BotMode.Video, plan: "basic", settings: Video("luma-ray2"));
        h.Fake.SendText(202, "a forest");
        var data = MediaHarness.Button(await h.MessageContainingAsync("Price: 42"), "Confirm");

        h.Fake.SendCallbackQuery(202, data);
        h.Fake.SendCallbackQuery(202, data);

        await h.CallsAsync("sendVideo", 1);
        var answers = await h.CallsAsync("answerCallbackQuery", 2);
        Assert.Contains(answers, a => a.String("text")?.Contains("already confirmed", StringComparison.Ordinal) == true);
        await Task.Delay(300);
        Assert.Single(h.Fake.CallsTo("sendVideo"));
        Assert.Equal(1, await h.GenerationCountAsync(account));
        Assert.Equal(350 - 42, await h.BalanceAsync(202));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_confirmation_have_exactly_one_winner()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(203, BotMode.Video);
        var store = h.Services.GetRequiredService<ConfirmationStore>();
        var id = await store.CreateAsync(account, 203, new ElumentaBot.Media.MediaDraft { Model = "luma-ray2" }, 42, default);

        var claims = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => store.ClaimAsync(id, account, default))));

        Assert.Single(claims, c => c.Outcome == ClaimOutcome.Claimed);
        Assert.All(claims.Where(c => c.Outcome != ClaimOutcome.Claimed), c => Assert.Equal(ClaimOutcome.AlreadyConfirmed, c.Outcome));
    }

    [Fact]
    public async Task A_confirmation_expires_after_10_minutes_and_nothing_is_charged()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(204, BotMode.Video, plan: "basic", settings: Video("luma-ray2"));
        h.Fake.SendText(204, "a city");
        var data = MediaHarness.Button(await h.MessageContainingAsync("Price: 42"), "Confirm");

        h.Clock.Offset = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
        h.Fake.SendCallbackQuery(204, data);

        var answer = (await h.CallsAsync("answerCallbackQuery", 1))[0];
        Assert.Contains("expired", answer.String("text"), StringComparison.Ordinal);
        Assert.Equal(0, await h.GenerationCountAsync(account));
        Assert.Equal(350, await h.BalanceAsync(204));
    }

    [Fact]
    public async Task A_confirmation_still_works_just_before_it_expires_and_another_user_cannot_confirm_it()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(205, BotMode.Video, plan: "basic", settings: Video("luma-ray2"));
        await h.UserAsync(206, BotMode.Video, plan: "basic");
        h.Fake.SendText(205, "a desert");
        var data = MediaHarness.Button(await h.MessageContainingAsync("Price: 42"), "Confirm");

        h.Fake.SendCallbackQuery(206, data, userId: 206);
        await h.CallsAsync("answerCallbackQuery", 1);
        h.Clock.Offset = TimeSpan.FromMinutes(9);
        h.Fake.SendCallbackQuery(205, data);

        await h.CallsAsync("sendVideo", 1);
        Assert.Equal(1, await h.GenerationCountAsync(account));
        Assert.Equal(350, await h.BalanceAsync(206));
    }
}
