using Elumenta.Core.Generations;
using Elumenta.Providers.Jobs;
using ElumentaBot.Profile;
using ElumentaBot.Tests.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Media;

public sealed class VideoAndRestartTests
{
    private static readonly Dictionary<string, string?> NoPolling = new() { ["Providers:Jobs:Tick"] = "01:00:00" };

    [Fact]
    public async Task Without_saved_settings_video_opens_a_setup_card_whose_choices_show_their_prices()
    {
        await using var h = await MediaHarness.StartAsync();
        await h.UserAsync(301, BotMode.Video);

        h.Fake.SendText(301, "/video a cat surfing");
        var card = await h.MessageContainingAsync("Price: 15 tokens");
        Assert.Contains("720p · 26", MediaHarness.ButtonTexts(card));
        Assert.Contains("9 s · 27", MediaHarness.ButtonTexts(card));
        h.Fake.SendCallbackQuery(301, MediaHarness.Button(card, "720p"));
        var repriced = await h.MessageContainingAsync("Price: 26 tokens");

        h.Fake.SendCallbackQuery(301, MediaHarness.Button(repriced, "Confirm — 26"));

        await h.CallsAsync("sendVideo", 1);
        Assert.Equal(50 - 26, await h.BalanceAsync(301));
    }

    [Fact]
    public async Task A_result_telegram_refuses_for_good_gives_the_tokens_back_and_says_so()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(309, BotMode.Video, settings: s => s with { VideoDuration = "5" });
        h.Fake.Fail("sendVideo", 400, "Bad Request: wrong type of the web page content", times: 10);

        h.Fake.SendText(309, "rain on a window");

        // Not left "running", not retried forever: the user is told and pays nothing.
        await h.MessageContainingAsync("No tokens were charged", "editMessageText");
        Assert.Equal(50, await h.BalanceAsync(309));
        var generation = await h.LastGenerationAsync(account);
        Assert.Equal(("failed", "undeliverable"), (generation.Status, generation.ErrorKind));
        Assert.Single(h.Fake.CallsTo("sendVideo"));
    }

    [Fact]
    public async Task Kling_asks_for_a_photo_and_animates_it_while_luma_offers_models_that_take_telegram_photos()
    {
        await using var h = await MediaHarness.StartAsync();
        await h.UserAsync(302, BotMode.Video, plan: "basic", settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Video, "kling-v2.1"));
        await h.UserAsync(303, BotMode.Video);

        h.Fake.SendText(302, "the person waves");
        await h.MessageContainingAsync("send the photo");
        h.SendPhoto(302, "frame-302");
        var card = await h.MessageContainingAsync("Price: 26 tokens");
        h.Fake.SendCallbackQuery(302, MediaHarness.Button(card, "Confirm"));
        h.SendPhoto(303, "frame-303", caption: "zoom out");

        await h.CallsAsync("sendVideo", 1);
        Assert.Contains(h.Fake.CallsTo("getFile"), c => c.String("file_id") == "frame-302");
        Assert.Equal(350 - 26, await h.BalanceAsync(302));
        var offer = await h.MessageContainingAsync("can't take a photo sent in Telegram");
        Assert.Contains(MediaHarness.ButtonTexts(offer), t => t.StartsWith("Kling", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_video_job_running_when_the_bot_stops_is_delivered_once_after_restart_and_charged_once()
    {
        var db = BotHarness.NewDatabasePath();
        await using var server = await ElumentaBot.Sandbox.FakeBotApiServer.StartAsync();
        var settings = new Dictionary<string, string?>(NoPolling);
        long account;
        await using (var first = await MediaHarness.StartAsync(settings, db, server))
        {
            account = await first.UserAsync(304, BotMode.Video, settings: s => s with { VideoDuration = "5" });
            first.Fake.SendText(304, "rain on a window");
            await first.JobStartedAsync(account);
            await first.Bot.StopAsync();
        }

        Assert.Empty(server.Bot(BotHarness.Token).CallsTo("sendVideo"));
        await using var second = await StartAgainAsync(db, server);

        await second.CallsAsync("sendVideo", 1);
        await Task.Delay(500);
        Assert.Single(second.Fake.CallsTo("sendVideo"));
        var generation = await second.LastGenerationAsync(account);
        Assert.Equal(("completed", 15), (generation.Status, generation.TokensSpent));
        Assert.Equal(50 - 15, await second.BalanceAsync(304));
    }

    [Fact]
    public async Task A_result_completed_but_not_delivered_before_a_stop_is_delivered_once_at_start()
    {
        var db = BotHarness.NewDatabasePath();
        await using var server = await ElumentaBot.Sandbox.FakeBotApiServer.StartAsync();
        long account;
        await using (var first = await MediaHarness.StartAsync(new Dictionary<string, string?>(NoPolling), db, server))
        {
            account = await first.UserAsync(305, BotMode.Video, settings: s => s with { VideoDuration = "5" });
            first.Fake.SendText(305, "snow");
            await first.JobStartedAsync(account);
            var generation = await first.LastGenerationAsync(account);
            // Where the bot saves byte results (MediaHarness: Providers:Jobs:ResultsPath), the only local files it sends.
            var file = Path.Combine(Path.GetDirectoryName(db)!, "results", "v.mp4");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllBytesAsync(file, Elumenta.Providers.Simulated.SimulatedMedia.Mp4(1));
            // Settled without telling the listener: what a crash between settling and sending leaves behind.
            await first.Services.GetRequiredService<GenerationStore>().CompleteAsync(generation.Id,
                new GenerationResult { Url = new Uri(file).ToString(), Metadata = "{\"mime\":\"video/mp4\"}" });
            await first.Bot.StopAsync();
        }

        await using var second = await StartAgainAsync(db, server);

        await second.CallsAsync("sendVideo", 1);
        await Task.Delay(500);
        Assert.Single(second.Fake.CallsTo("sendVideo"));
        Assert.Equal(50 - 15, await second.BalanceAsync(305));
    }

    [Fact]
    public async Task A_stored_result_naming_a_local_file_outside_the_results_folder_is_never_sent()
    {
        var db = BotHarness.NewDatabasePath();
        await using var server = await ElumentaBot.Sandbox.FakeBotApiServer.StartAsync();
        var secret = Path.Combine(Path.GetDirectoryName(db)!, "environ");
        await File.WriteAllTextAsync(secret, "Telegram__BotToken=123:secret-token-bytes");
        await using (var first = await MediaHarness.StartAsync(new Dictionary<string, string?>(NoPolling), db, server))
        {
            var account = await first.UserAsync(307, BotMode.Video, settings: s => s with { VideoDuration = "5" });
            first.Fake.SendText(307, "snow");
            await first.JobStartedAsync(account);
            var generation = await first.LastGenerationAsync(account);
            await first.Services.GetRequiredService<GenerationStore>().CompleteAsync(generation.Id,
                new GenerationResult { Url = new Uri(secret).ToString(), Metadata = "{\"mime\":\"video/mp4\"}" });
            await first.Bot.StopAsync();
        }

        await using var second = await StartAgainAsync(db, server);
        await Task.Delay(1500);

        var uploads = second.Fake.Calls.SelectMany(c => c.Files).ToList();
        Assert.DoesNotContain(uploads, f => System.Text.Encoding.UTF8.GetString(f.Content).Contains("secret-token-bytes", StringComparison.Ordinal));
        Assert.Empty(second.Fake.CallsTo("sendVideo"));
    }

    [Fact]
    public async Task Progress_is_edited_with_the_percent_and_cancel_releases_the_tokens()
    {
        await using var h = await MediaHarness.StartAsync(new Dictionary<string, string?>(NoPolling));
        var account = await h.UserAsync(306, BotMode.Video, settings: s => s with { VideoDuration = "5" });
        h.Fake.SendText(306, "clouds");
        await h.JobStartedAsync(account);
        var id = (await h.LastGenerationAsync(account)).Id;
        Assert.Equal(35, await h.BalanceAsync(306));

        await h.Services.GetRequiredService<GenerationStore>().UpdateProgressAsync(id, 40, "processing");
        await h.MessageContainingAsync("40%", "editMessageText");
        h.Fake.SendText(306, "/cancel");

        await h.MessageContainingAsync("No tokens were charged", "editMessageText");
        Assert.Equal("canceled", (await h.LastGenerationAsync(account)).Status);
        Assert.Equal(50, await h.BalanceAsync(306));
        Assert.Empty(h.Fake.CallsTo("sendVideo"));
    }

    private static async Task<MediaHarness> StartAgainAsync(string db, ElumentaBot.Sandbox.FakeBotApiServer server)
    {
        var again = await MediaHarness.StartAsync(null, db, server);
        _ = again.Services.GetRequiredService<JobPoller>();
        return again;
    }
}
