using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Media;

public sealed class VoicePromptTests
{
    [Fact]
    public async Task Voice_in_image_mode_shows_the_transcript_delivers_a_photo_and_charges_whisper_plus_the_image_once()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(301, BotMode.Image, plan: "basic");
        var before = await h.BalanceAsync(301);

        h.SendVoice(301, "voice-301", 3);

        // The simulated transcriber names the byte count of the voice file (7).
        await h.MessageContainingAsync("🎤 Simulated transcript of 7 bytes");
        await h.CallsAsync("sendPhoto", 1);
        await ElumentaBot.Tests.Transport.BotHarness.WaitUntilAsync(async () => (await h.LastGenerationAsync(account)).Status == "completed",
            MediaHarness.Wait, "the generation completes");
        var generation = await h.LastGenerationAsync(account);
        Assert.Equal(3, generation.TokensSpent);
        Assert.Equal(before - 3, await h.BalanceAsync(301));
        Assert.Equal(1, await h.GenerationCountAsync(account));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM rate_events WHERE account_id = @account", new { account }));
    }

    [Fact]
    public async Task A_voice_over_20_MB_in_video_mode_is_refused_like_in_chat_and_nothing_is_charged()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(302, BotMode.Video, plan: "basic");
        var before = await h.BalanceAsync(302);

        h.SendVoice(302, "voice-302", 600, size: 21L * 1024 * 1024);

        await h.MessageContainingAsync("The file is too large");
        Assert.Equal(0, await h.GenerationCountAsync(account));
        Assert.Equal(before, await h.BalanceAsync(302));
        Assert.DoesNotContain(h.Fake.CallsTo("sendMessage"), c => c.String("text")!.StartsWith("🎤", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_voice_in_video_mode_waits_for_confirm_at_transcription_plus_video_and_charges_that_once()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(303, BotMode.Video, plan: "basic",
            settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Video, "luma-ray2") with { VideoDuration = "5" });

        h.SendVoice(303, "voice-303", 2);

        await h.MessageContainingAsync("🎤 Simulated transcript of 7 bytes");
        var card = await h.MessageContainingAsync("Price: 44 tokens");
        Assert.Equal(0, await h.GenerationCountAsync(account));
        h.Fake.SendCallbackQuery(303, MediaHarness.Button(card, "Confirm — 44 tokens"));

        await h.CallsAsync("sendVideo", 1);
        Assert.Equal(350 - 44, await h.BalanceAsync(303));
        Assert.Equal(1, await h.GenerationCountAsync(account));
        Assert.Equal(1, await h.Bot.QueryAsync<long>("SELECT COUNT(*) FROM rate_events WHERE account_id = @account", new { account }));
    }

    [Fact]
    public async Task A_voice_whose_speech_to_text_model_the_plan_cannot_use_is_refused_before_any_transcription()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(304, BotMode.Image, settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Stt, "gpt-4o-transcribe"));

        h.SendVoice(304, "voice-304", 2);

        await h.MessageContainingAsync("GPT-4o Transcribe");
        await Task.Delay(200);
        Assert.DoesNotContain(h.Fake.CallsTo("sendMessage"), c => c.String("text")!.StartsWith("🎤", StringComparison.Ordinal));
        Assert.Empty(h.Fake.CallsTo("getFile"));
        Assert.Equal(0, await h.GenerationCountAsync(account));
        Assert.Equal(50, await h.BalanceAsync(304));
    }
}
