using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Media;

public sealed class ReplicateTests
{
    private const string Version = "a524caeaa23495bc9edc805ab08ab5fe943afd3febed884a4f3747aa32e9cd61";

    private static readonly Model Flux = TestModels.Make("flux-1.1-pro", ModelCategory.Image, ProviderName.Replicate, "black-forest-labs/flux-1.1-pro",
        capabilities: [ModelCapabilities.Async], options: ["aspect_ratio", "format"]);

    private static readonly Model Ocr = TestModels.Make("text-ocr", ModelCategory.ImageTool, ProviderName.Replicate, "abiruyt/text-extract-ocr",
        version: Version, capabilities: [ModelCapabilities.Async, ModelCapabilities.ImageInput]);

    public static string Prediction(string id, string status, string output = "null", string error = "null", string logs = "") =>
        $$$"""{"id":"{{{id}}}","model":"m","version":"v","input":{},"logs":"{{{logs}}}","output":{{{output}}},"data_removed":false,"error":{{{error}}},"status":"{{{status}}}","created_at":"2025-01-01T00:00:00Z","started_at":null,"completed_at":null,"urls":{"get":"https://api.replicate.com/v1/predictions/{{{id}}}","cancel":"https://api.replicate.com/v1/predictions/{{{id}}}/cancel","web":"https://replicate.com/p/{{{id}}}"},"metrics":{}}""";

    [Fact]
    public async Task Official_model_is_created_by_name_and_polled_to_its_uri_output()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("POST", "/v1/models/black-forest-labs/flux-1.1-pro/predictions", Json(201, Prediction("p1", "starting")));
        h.Fake.On("GET", "/v1/predictions/p1", Json(200, Prediction("p1", "processing", logs: "  5%|#  \\n 45%|####")));
        h.Fake.On("GET", "/v1/predictions/p1", Json(200, Prediction("p1", "succeeded", "\"https://replicate.delivery/x/out.webp\"")));

        var outcome = await h.Router.GenerateAsync(new ImageRequest(Flux, "a red fox", new Dictionary<string, string> { ["aspect_ratio"] = "16:9", ["format"] = "png" }), default);

        var pending = Assert.IsType<ProviderOutcome.Pending>(outcome);
        Assert.Equal("p1", pending.ProviderJobId);
        var sent = h.Fake.Single("POST", "/v1/models/");
        Assert.Equal("Bearer " + ProviderHarness.KeyOf(ProviderName.Replicate), sent.Header("Authorization"));
        var input = sent.Json.GetProperty("input");
        Assert.Equal("a red fox", input.GetProperty("prompt").GetString());
        Assert.Equal("16:9", input.GetProperty("aspect_ratio").GetString());
        Assert.Equal("png", input.GetProperty("output_format").GetString());
        Assert.False(sent.Json.TryGetProperty("version", out _));

        var tracker = h.Router.Tracker(Flux);
        var running = await tracker.GetAsync(Flux, "p1", default);
        Assert.Equal(JobPhase.Running, running.Phase);
        Assert.Equal(45, running.Progress);
        var done = await tracker.GetAsync(Flux, "p1", default);
        Assert.Equal(JobPhase.Succeeded, done.Phase);
        Assert.Equal("https://replicate.delivery/x/out.webp", done.Result!.First!.Url!.ToString());
        Assert.Equal("image/webp", done.Result.First.MimeType);
    }

    [Fact]
    public async Task Community_model_is_created_by_version_and_ocr_output_is_text()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("POST", "/v1/predictions", Json(201, Prediction("p2", "starting")));
        h.Fake.On("GET", "/v1/predictions/p2", Json(200, Prediction("p2", "succeeded", "\"INVOICE No 42\\nTotal 10\"")));

        await h.Router.RunAsync(new ImageToolRequest(Ocr, MediaInput.FromBytes([9, 9], "image/jpeg")), default);
        var done = await h.Router.Tracker(Ocr).GetAsync(Ocr, "p2", default);

        var sent = h.Fake.Single("POST", "/v1/predictions");
        Assert.Equal(Version, sent.Json.GetProperty("version").GetString());
        Assert.Equal("data:image/jpeg;base64,CQk=", sent.Json.GetProperty("input").GetProperty("image").GetString());
        Assert.Equal("INVOICE No 42\nTotal 10", done.Result!.Text);
        Assert.Empty(done.Result.Items);
    }

    [Fact]
    public async Task Nsfw_failure_is_a_content_policy_refusal()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("GET", "/v1/predictions/p3", Json(200, Prediction("p3", "failed", error: "\"NSFW content detected. Try running it again, or try a different prompt.\"")));
        var snapshot = await h.Router.Tracker(Flux).GetAsync(Flux, "p3", default);
        Assert.Equal(JobPhase.Failed, snapshot.Phase);
        Assert.Equal(ProviderErrorKind.ContentPolicy, snapshot.Error!.Kind);
    }

    [Fact]
    public async Task Throttled_create_is_overloaded_with_retry_after_and_never_repeated()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("POST", "/v1/models/*", Json(429, """{"detail":"Request was throttled. Your rate limit resets in ~5s.","status":429,"retry_after":5}""", ("Retry-After", "5")));
        var e = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default));
        Assert.Equal(ProviderErrorKind.Overloaded, e.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), e.RetryAfter);
        Assert.Single(h.Fake.To("POST", "/v1/models/"));
    }

    [Fact]
    public async Task Throttled_poll_is_retried_after_the_hinted_delay()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("GET", "/v1/predictions/p4", Json(429, """{"detail":"throttled","status":429}""", ("retry-after-ms", "20")));
        h.Fake.On("GET", "/v1/predictions/p4", Json(200, Prediction("p4", "processing")));
        var snapshot = await h.Router.Tracker(Flux).GetAsync(Flux, "p4", default);
        Assert.Equal(JobPhase.Running, snapshot.Phase);
        Assert.Equal(2, h.Fake.To("GET", "/v1/predictions/p4").Count);
    }

    [Fact]
    public async Task Server_errors_on_poll_are_retried_then_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("GET", "/v1/predictions/p5", Json(503, """{"title":"Service Unavailable","detail":"upstream","status":503}"""));
        var e = await Collect.FailureAsync(() => h.Router.Tracker(Flux).GetAsync(Flux, "p5", default));
        Assert.Equal(ProviderErrorKind.Unavailable, e.Kind);
        Assert.Equal(4, h.Fake.To("GET", "/v1/predictions/p5").Count);
    }

    [Fact]
    public async Task Malformed_create_body_is_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("POST", "/v1/models/*", Raw(201, "application/json", "<html>oops"));
        var e = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default));
        Assert.Equal(ProviderErrorKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task Hanging_create_times_out_once()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1", s => s["Providers:Replicate:CreateTimeout"] = "00:00:03");
        h.Fake.On("POST", "/v1/models/*", Hang());
        var e = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default));
        Assert.Equal(ProviderErrorKind.Timeout, e.Kind);
        Assert.Single(h.Fake.To("POST", "/v1/models/"));
    }

    [Fact]
    public async Task Cancel_posts_to_the_cancel_url()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("POST", "/v1/predictions/p6/cancel", Json(200, Prediction("p6", "canceled")));
        Assert.True(await h.Router.Tracker(Flux).CancelAsync(Flux, "p6", default));
        h.Fake.Single("POST", "/v1/predictions/p6/cancel");
    }

    [Fact]
    public async Task An_option_the_catalog_does_not_list_never_reaches_the_provider()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        var e = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x", new Dictionary<string, string> { ["steps"] = "50" }), default));
        Assert.Equal(ProviderErrorKind.InvalidInput, e.Kind);
        Assert.Empty(h.Fake.Requests);
    }
}
