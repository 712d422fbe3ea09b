using Elumenta.Core.Generations;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Chat;

public sealed class MediaTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6, 7, 8];

    [Fact]
    public async Task A_photo_with_a_vision_model_reaches_the_model_with_its_caption()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(501, textModel: "gemini-2.5-flash");
        var before = await chat.BalanceAsync(501);

        chat.Fake.SendPhoto(501, "photo1", Jpeg, caption: "What breed is this dog?");
        await chat.WaitSettledAsync(501, 1);

        var request = Assert.Single(chat.Model.Requests);
        var turn = request.Turns[^1];
        Assert.Equal("What breed is this dog?", turn.Text);
        var image = Assert.Single(turn.Images!);
        Assert.Equal(Jpeg, image.Bytes);
        Assert.Contains(chat.Fake.CallsTo("getFile"), c => c.String("file_id") == "photo1");
        Assert.Contains("images attached: 1", Assert.Single(chat.Sent(501)).String("text"), StringComparison.Ordinal);
        Assert.Equal(before - 1, await chat.BalanceAsync(501));
    }

    [Fact]
    public async Task A_photo_with_a_model_that_cannot_see_offers_vision_models_and_a_tap_switches()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(502);

        chat.Fake.SendPhoto(502, "photo2", Jpeg);
        var offer = await chat.WaitForMessageAsync(502, m => m.String("text")!.Contains("can't see images", StringComparison.Ordinal));
        var buttons = RefusalTests.Buttons(offer);
        Assert.Contains("chat:sw:gemini-2.5-flash", buttons);
        Assert.Contains("chat:sw:gpt-5", buttons);
        Assert.All(buttons, b => Assert.True(System.Text.Encoding.UTF8.GetByteCount(b) <= 64));
        Assert.Empty(chat.Model.Requests);
        Assert.Equal(0, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations"));

        chat.Fake.SendCallback(502, "chat:sw:gemini-2.5-flash", 1);
        await chat.WaitForMessageAsync(502, m => m.String("text") == "✅ Switched to Gemini 2.5 Flash. Send the photo again.");
        chat.Fake.SendCallback(502, "chat:sw:whisper", 1);
        await Transport.BotHarness.WaitUntilAsync(() => chat.Fake.CallsTo("answerCallbackQuery").Any(c => c.String("text") == "This model can't be selected."),
            TimeSpan.FromSeconds(10), "an invalid switch is refused");

        chat.Fake.SendPhoto(502, "photo3", Jpeg);
        await chat.WaitSettledAsync(502, 1);
        Assert.Equal("gemini-2.5-flash", Assert.Single(chat.Model.Requests).Model.Slug);
    }

    [Fact]
    public async Task A_voice_message_is_transcribed_shown_answered_and_charged_once_for_both()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(503, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(503);

        chat.Fake.SendVoice(503, "voice1", new byte[1234]);
        await chat.WaitSettledAsync(503, 1);

        var sent = chat.Sent(503);
        Assert.Equal(2, sent.Count);
        Assert.StartsWith("🎤 Simulated transcript of 1234 bytes", sent[0].String("text"), StringComparison.Ordinal);
        Assert.Equal("HTML", sent[1].String("parse_mode"));
        Assert.StartsWith("Simulated transcript of 1234 bytes", Assert.Single(chat.Model.Requests).Turns[^1].Text, StringComparison.Ordinal);
        Assert.Equal(before - 3, await chat.BalanceAsync(503));
        Assert.Equal(1, await chat.RateEventsAsync(503));
        var generation = await chat.Bot.Host.Services.GetRequiredService<GenerationStore>().GetAsync(await chat.Bot.QueryAsync<long>("SELECT id FROM generations"));
        Assert.Equal((3, 3, ChatHarness.OneTokenModel), (generation!.Price, generation.TokensSpent, generation.ModelSlug));
    }

    [Fact]
    public async Task A_voice_message_over_20_MB_is_refused_and_nothing_is_charged()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(504);
        var before = await chat.BalanceAsync(504);

        chat.Fake.SendVoice(504, "voice2", [1, 2, 3], declaredSize: 25L * 1024 * 1024);
        var refusal = await chat.WaitForMessageAsync(504, m => m.String("text")!.Contains("too large", StringComparison.Ordinal));

        Assert.Equal("The file is too large: 25 MB, the limit is 20 MB. No tokens were charged.", refusal.String("text"));
        Assert.Empty(chat.Fake.CallsTo("getFile"));
        Assert.Equal(before, await chat.BalanceAsync(504));
        Assert.Equal(0, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations"));
    }

    [Fact]
    public async Task A_failed_download_is_explained_and_nothing_is_charged()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(505);
        var before = await chat.BalanceAsync(505);
        chat.Fake.Fail("getFile", 400, "Bad Request: file is temporarily unavailable");

        chat.Fake.SendVoice(505, "voice3", [1, 2, 3]);
        var refusal = await chat.WaitForMessageAsync(505, m => m.String("text")!.Contains("couldn't download", StringComparison.Ordinal));

        Assert.Null(refusal.Parameters["reply_markup"]);
        Assert.Equal(before, await chat.BalanceAsync(505));
        Assert.Equal(0, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations"));
    }
}
