using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Media;

/// <summary>A provider result that is a URL: by URL where Telegram fetches it, else downloaded and uploaded, else a link.</summary>
public sealed class UrlDeliveryTests
{
    private static async Task<(MediaHarness H, ReplicateResultServer Files)> StartAsync(long fileSize, IDictionary<string, string?>? limits = null)
    {
        var files = await ReplicateResultServer.StartAsync();
        files.FileSize = fileSize;
        var settings = files.Settings();
        foreach (var (k, v) in limits ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var h = await MediaHarness.StartAsync(settings);
        return (h, files);
    }

    private static Task<long> UserAsync(MediaHarness h, long userId) =>
        h.UserAsync(userId, BotMode.Image, plan: "basic", settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Image, "flux-1.1-pro"));

    [Fact]
    public async Task A_small_image_result_is_sent_to_Telegram_by_its_url_without_an_upload()
    {
        var (h, files) = await StartAsync(fileSize: 100);
        await using var _ = files;
        await using var __ = h;
        await UserAsync(h, 401);

        h.Fake.SendText(401, "a red fox");

        var photo = Assert.Single(await h.CallsAsync("sendPhoto", 1));
        Assert.Equal(files.OutputUrl, photo.String("photo"));
        Assert.Empty(photo.Files);
        Assert.DoesNotContain("GET /files/result.png", files.Requests);
    }

    [Fact]
    public async Task An_image_over_the_url_limit_is_downloaded_and_uploaded()
    {
        var (h, files) = await StartAsync(fileSize: 5000, new Dictionary<string, string?> { ["Media:MaxUrlPhotoBytes"] = "1000" });
        await using var _ = files;
        await using var __ = h;
        await UserAsync(h, 402);

        h.Fake.SendText(402, "a red fox");

        var photo = Assert.Single(await h.CallsAsync("sendPhoto", 1));
        Assert.Equal(5000, Assert.Single(photo.Files).Content.Length);
        Assert.Contains("GET /files/result.png", files.Requests);
    }

    [Fact]
    public async Task A_result_over_the_upload_limit_is_sent_as_a_link_and_charged()
    {
        var (h, files) = await StartAsync(fileSize: 5000, new Dictionary<string, string?>
        {
            ["Media:MaxUrlPhotoBytes"] = "1000", ["Media:MaxUploadBytes"] = "2000",
        });
        await using var _ = files;
        await using var __ = h;
        var account = await UserAsync(h, 403);

        h.Fake.SendText(403, "a red fox");

        await h.MessageContainingAsync(files.OutputUrl);
        Assert.Empty(h.Fake.CallsTo("sendPhoto"));
        await ElumentaBot.Tests.Transport.BotHarness.WaitUntilAsync(async () => (await h.LastGenerationAsync(account)).DeliveredAt is not null,
            MediaHarness.Wait, "the link counts as delivered");
        Assert.Equal("completed", (await h.LastGenerationAsync(account)).Status);
    }

    [Fact]
    public async Task Every_file_of_a_result_with_several_urls_is_sent()
    {
        var (h, files) = await StartAsync(fileSize: 100);
        await using var _ = files;
        await using var __ = h;
        files.Outputs = 2;
        await UserAsync(h, 404);

        h.Fake.SendText(404, "two foxes");

        var photos = await h.CallsAsync("sendPhoto", 2);
        Assert.Equal([files.OutputUrl, files.Url + "/files/result-2.png"], photos.Select(p => p.String("photo")));
        await Task.Delay(300);
        Assert.Equal(2, h.Fake.CallsTo("sendPhoto").Count);
    }
}
