using ElumentaBot.Profile;
using ElumentaBot.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ElumentaBot.Tests.Media;

public sealed class FailureAndValidationTests
{
    [Fact]
    public async Task A_failed_job_says_no_tokens_were_charged_with_retry_and_support_and_the_balance_is_unchanged()
    {
        await using var replicate = await FailingReplicateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Providers:Mode"] = "Live",
            ["Providers:Replicate:ApiKey"] = "r8_test",
            ["Providers:Replicate:BaseUrl"] = replicate.Urls.First() + "/v1/",
            ["Providers:Replicate:PollInterval"] = "00:00:00.100",
        };
        await using var h = await MediaHarness.StartAsync(settings);
        var account = await h.UserAsync(501, BotMode.Image, plan: "basic", settings: s => s.WithModel(Elumenta.Core.Catalog.ModelCategory.Image, "flux-1.1-pro"));

        h.Fake.SendText(501, "a forbidden picture");

        var notice = await h.MessageContainingAsync("No tokens were charged", "editMessageText");
        Assert.Contains("content policy", notice.String("text"), StringComparison.Ordinal);
        Assert.Contains("🔁 Retry", MediaHarness.ButtonTexts(notice));
        Assert.StartsWith("sup:gen:", MediaHarness.Button(notice, "Support"), StringComparison.Ordinal);
        Assert.Equal("failed", (await h.LastGenerationAsync(account)).Status);
        Assert.Equal(350, await h.BalanceAsync(501));
        Assert.Empty(h.Fake.CallsTo("sendPhoto"));
    }

    [Fact]
    public async Task Files_over_20_MB_unsupported_types_and_long_prompts_are_refused_before_anything_is_charged()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(502, BotMode.Image);

        h.SendPhoto(502, "huge", size: 21L * 1024 * 1024);
        await h.MessageContainingAsync("larger than 20 MB");
        h.SendDocument(502, "doc", "application/pdf", 1000);
        await h.MessageContainingAsync("not supported here");
        h.Fake.SendText(502, new string('x', 5001));
        await h.MessageContainingAsync("takes at most 5,000");
        h.Fake.SendText(502, "/image");
        await h.MessageContainingAsync("/image a red fox");

        Assert.Empty(h.Fake.CallsTo("getFile"));
        Assert.Equal(0, await h.GenerationCountAsync(account));
        Assert.Equal(50, await h.BalanceAsync(502));
    }

    [Fact]
    public async Task Not_enough_tokens_is_explained_with_price_and_balance_and_nothing_runs()
    {
        await using var h = await MediaHarness.StartAsync();
        var account = await h.UserAsync(503, BotMode.Video, settings: s => s with { VideoDuration = "9", VideoResolution = "1080p" });

        h.Fake.SendText(503, "a storm");
        var card = await h.MessageContainingAsync("Price: 93 tokens");
        h.Fake.SendCallbackQuery(503, MediaHarness.Button(card, "Confirm"));

        var refusal = await h.MessageContainingAsync("Not enough tokens");
        Assert.Contains("93 tokens", refusal.String("text"), StringComparison.Ordinal);
        Assert.Contains("50 tokens", refusal.String("text"), StringComparison.Ordinal);
        Assert.Equal(0, await h.GenerationCountAsync(account));
    }

    /// <summary>Replicate answering every prediction as failed by its safety checker.</summary>
    private static async Task<WebApplication> FailingReplicateAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        const string failed = """{"id":"p1","status":"failed","error":"NSFW content detected. Try running it again, or try a different prompt."}""";
        app.MapPost("/v1/{**rest}", () => Results.Content(failed, "application/json", statusCode: 201));
        app.MapGet("/v1/{**rest}", () => Results.Content(failed, "application/json"));
        await app.StartAsync();
        return app;
    }
}
