using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Media;

public sealed class AudioToolsHistoryTests
{
    [Fact]
    public async Task Tts_and_music_commands_deliver_audio_and_charge_their_prices()
    {
        await using var h = await MediaHarness.StartAsync();
        await h.UserAsync(401, BotMode.Chat);

        // Starter runs one async job at a time, so the second request follows the first result.
        h.Fake.SendText(401, "/tts Hello and welcome");
        await h.CallsAsync("sendAudio", 1);
        h.Fake.SendText(401, "/music calm piano");

        var audio = await h.CallsAsync("sendAudio", 2);
        Assert.All(audio, a => Assert.Single(a.Files));
        Assert.Contains(h.Fake.CallsTo("sendChatAction"), c => c.String("action") == "record_voice");
        Assert.Equal(50 - 1 - 9, await h.BalanceAsync(401));
    }

    [Fact]
    public async Task Speech_over_5000_characters_is_refused_with_the_limit_and_nothing_is_charged()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(402, BotMode.Chat);

        h.Fake.SendText(402, "/tts " + new string('a', 5001));

        await h.MessageContainingAsync("at most 5,000");
        Assert.Equal(0, await h.GenerationCountAsync(account));
        Assert.Equal(50, await h.BalanceAsync(402));
    }

    [Fact]
    public async Task A_voice_file_in_audio_mode_is_dubbed_into_a_chosen_language_priced_per_started_minute()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(403, BotMode.Audio, plan: "basic");

        h.SendVoice(403, "voice-403", seconds: 90);
        var tools = await h.MessageContainingAsync("do with this audio");
        Assert.Contains("🌍 Dubbing · 120", MediaHarness.ButtonTexts(tools));
        h.Fake.SendCallbackQuery(403, MediaHarness.Button(tools, "Dubbing"));
        var languages = await h.MessageContainingAsync("Which language");
        h.Fake.SendCallbackQuery(403, MediaHarness.Button(languages, "ES"));
        var card = await h.MessageContainingAsync("target_lang: es");
        Assert.Contains("Price: 120 tokens", card.String("text"), StringComparison.Ordinal);
        h.Fake.SendCallbackQuery(403, MediaHarness.Button(card, "Confirm"));

        await h.CallsAsync("sendAudio", 1);
        var generation = await h.LastGenerationAsync(account);
        Assert.Equal(("el-dubbing", 120), (generation.ModelSlug, generation.TokensSpent));
        Assert.Contains("\"target_lang\":\"es\"", generation.Options, StringComparison.Ordinal);
        Assert.Equal(350 - 120, await h.BalanceAsync(403));
    }

    [Fact]
    public async Task A_photo_without_caption_offers_priced_tools_and_upscale_ocr_face_swap_and_inpaint_deliver()
    {
        await using var h = await MediaHarness.StartAsync();
        await h.UserAsync(404, BotMode.Tools);

        h.SendPhoto(404, "p1");
        var menu = await h.MessageContainingAsync("do with this photo");
        Assert.Contains("🔍 Upscale · 1", MediaHarness.ButtonTexts(menu));
        Assert.Contains("🖌 Repaint · 3", MediaHarness.ButtonTexts(menu));
        h.Fake.SendCallbackQuery(404, MediaHarness.Button(menu, "Upscale"));
        await h.CallsAsync("sendPhoto", 1);

        h.SendPhoto(404, "p2");
        h.Fake.SendCallbackQuery(404, MediaHarness.Button(await NthMenu(h, 2), "Extract text"));
        await h.MessageContainingAsync("SIMULATED OCR");

        h.SendPhoto(404, "p3");
        h.Fake.SendCallbackQuery(404, MediaHarness.Button(await NthMenu(h, 3), "Face swap"));
        await h.MessageContainingAsync("photo with the face");
        h.SendPhoto(404, "p4");
        await h.CallsAsync("sendPhoto", 2);

        h.SendPhoto(404, "p5");
        h.Fake.SendCallbackQuery(404, MediaHarness.Button(await NthMenu(h, 4), "Repaint"));
        await h.MessageContainingAsync("how the picture should be repainted");
        h.Fake.SendText(404, "make it autumn");
        await h.CallsAsync("sendPhoto", 3);

        Assert.Contains(h.Fake.CallsTo("getFile"), c => c.String("file_id") == "p4");
        Assert.Equal(50 - 1 - 1 - 1 - 3, await h.BalanceAsync(404));
    }

    [Fact]
    public async Task History_resends_by_file_id_for_free_and_refuses_another_users_generation()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(405, BotMode.Image);
        await h.UserAsync(406, BotMode.Image);
        h.Fake.SendText(405, "a boat");
        await h.CallsAsync("sendPhoto", 1);
        await ElumentaBot.Tests.Transport.BotHarness.WaitUntilAsync(async () => (await h.LastGenerationAsync(account)).ResultFileId is not null,
            MediaHarness.Wait, "the file id is stored");
        var generation = await h.LastGenerationAsync(account);

        h.Fake.SendText(405, "/history");
        var list = await h.MessageContainingAsync("Your last generations");
        Assert.Contains("Photon Flash · done · 1 token", list.String("text"), StringComparison.Ordinal);
        h.Fake.SendCallbackQuery(405, MediaHarness.Button(list, "Photon"));
        var resent = (await h.CallsAsync("sendPhoto", 2))[1];
        h.Fake.SendCallbackQuery(406, $"hist:{generation.Id}", userId: 406);

        Assert.Equal(generation.ResultFileId, resent.String("photo"));
        Assert.Empty(resent.Files);
        var refused = await h.MessageContainingAsync("was not found");
        Assert.Equal(406, refused.Long("chat_id"));
        Assert.Equal(2, h.Fake.CallsTo("sendPhoto").Count);
        Assert.Equal(49, await h.BalanceAsync(405));
    }

    private static async Task<ElumentaBot.Sandbox.FakeCall> NthMenu(MediaHarness h, int n)
    {
        await ElumentaBot.Tests.Transport.BotHarness.WaitUntilAsync(
            () => h.Fake.CallsTo("sendMessage").Count(c => c.String("text")!.Contains("do with this photo", StringComparison.Ordinal)) >= n,
            MediaHarness.Wait, $"tool menu {n}");
        return h.Fake.CallsTo("sendMessage").Where(c => c.String("text")!.Contains("do with this photo", StringComparison.Ordinal)).ElementAt(n - 1);
    }
}
