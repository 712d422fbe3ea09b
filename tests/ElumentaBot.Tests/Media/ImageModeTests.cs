using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Media;

public sealed class ImageModeTests
{
    [Fact]
    public async Task Image_mode_text_shows_progress_delivers_a_photo_once_and_charges_the_price()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(101, BotMode.Image);

        h.Fake.SendText(101, "a red fox in the snow");

        var photo = Assert.Single(await h.CallsAsync("sendPhoto", 1));
        Assert.Single(photo.Files);
        Assert.Contains("Photon Flash", photo.String("caption"), StringComparison.Ordinal);
        Assert.Contains(h.Fake.CallsTo("sendMessage"), c => c.String("text")!.Contains("⏳", StringComparison.Ordinal));
        Assert.Contains(h.Fake.CallsTo("sendChatAction"), c => c.String("action") == "upload_photo");
        await ElumentaBot.Tests.Transport.BotHarness.WaitUntilAsync(async () => (await h.LastGenerationAsync(account)).ResultFileId is not null,
            MediaHarness.Wait, "the file id is stored");
        var generation = await h.LastGenerationAsync(account);
        Assert.Equal(("completed", 1), (generation.Status, generation.TokensSpent));
        Assert.NotNull(generation.DeliveredAt);
        Assert.StartsWith("photo-", generation.ResultFileId, StringComparison.Ordinal);
        Assert.Equal(49, await h.BalanceAsync(101));
        await Task.Delay(300);
        Assert.Single(h.Fake.CallsTo("sendPhoto"));
    }

    [Fact]
    public async Task Image_command_works_in_chat_mode_with_the_saved_size_and_quality_for_a_synchronous_model()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(102, BotMode.Chat, settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Image, "dall-e-3") with
        {
            ImageSize = "1024x1792", ImageQuality = "standard", ImageFormat = "webp",
        });

        h.Fake.SendText(102, "/image a lighthouse at night");

        await h.CallsAsync("sendPhoto", 1);
        var generation = await h.LastGenerationAsync(account);
        Assert.Equal(9, generation.TokensSpent);
        Assert.Contains("1024x1792", generation.Options, StringComparison.Ordinal);
        Assert.DoesNotContain("webp", generation.Options, StringComparison.Ordinal);
        Assert.Equal(41, await h.BalanceAsync(102));
    }

    [Fact]
    public async Task A_photo_with_caption_is_edited_by_an_image_input_model_or_offers_a_switch_with_prices()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(103, BotMode.Image, plan: "basic");

        h.SendPhoto(103, "ph-103", caption: "make it winter");
        var offer = await h.MessageContainingAsync("cannot edit photos");
        Assert.Contains(MediaHarness.ButtonTexts(offer), t => t.StartsWith("FLUX Kontext Pro · 3", StringComparison.Ordinal) || t.Contains("· 3 tokens", StringComparison.Ordinal));
        h.Fake.SendCallbackQuery(103, MediaHarness.Button(offer, "Kontext"));

        await h.CallsAsync("sendPhoto", 1);
        Assert.Contains(h.Fake.CallsTo("getFile"), c => c.String("file_id") == "ph-103");
        var generation = await h.LastGenerationAsync(account);
        Assert.Equal("flux-kontext-pro", generation.ModelSlug);
        Assert.Equal(300 + 50 - 3, await h.BalanceAsync(103));
    }

    [Fact]
    public async Task Midjourney_grid_offers_priced_upscale_and_variation_that_act_on_the_grid()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(104, BotMode.Image, plan: "basic", settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Image, "midjourney"));

        h.Fake.SendText(104, "a castle");
        var grid = (await h.CallsAsync("sendPhoto", 1))[0];
        Assert.Contains("U1 · 17", MediaHarness.ButtonTexts(grid));
        Assert.Contains("V4 · 9", MediaHarness.ButtonTexts(grid));
        var gridId = (await h.LastGenerationAsync(account)).Id;
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(MediaHarness.Button(grid, "U1")) <= 64);

        h.Fake.SendCallbackQuery(104, MediaHarness.Button(grid, "U2"));

        await h.CallsAsync("sendPhoto", 2);
        var upscale = await h.LastGenerationAsync(account);
        Assert.NotEqual(gridId, upscale.Id);
        Assert.Contains("\"action\":\"upscale\"", upscale.Options, StringComparison.Ordinal);
        Assert.Contains("\"image_index\":\"2\"", upscale.Options, StringComparison.Ordinal);
        Assert.Equal(350 - 9 - 17, await h.BalanceAsync(104));
    }

    [Fact]
    public async Task The_saved_midjourney_speed_prices_the_grid_and_its_follow_ups()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(105, BotMode.Image, plan: "basic",
            settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Image, "midjourney") with { ImageQuality = "relax" });

        h.Fake.SendText(105, "a lighthouse");
        var grid = (await h.CallsAsync("sendPhoto", 1))[0];

        var generation = await h.LastGenerationAsync(account);
        Assert.Contains("\"speed\":\"relax\"", generation.Options, StringComparison.Ordinal);
        Assert.Equal(2, generation.Price);
        Assert.Contains("U1 · 4", MediaHarness.ButtonTexts(grid));
        Assert.Equal(350 - 2, await h.BalanceAsync(105));
    }
}
