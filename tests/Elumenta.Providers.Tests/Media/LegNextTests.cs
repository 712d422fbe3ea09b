using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Media;

public sealed class LegNextTests
{
    private static readonly Model Mj = TestModels.Make("midjourney", ModelCategory.Image, ProviderName.MidJourney, "diffusion",
        capabilities: [ModelCapabilities.Async], options: ["aspect_ratio", "parent_job", "image_index", "action"], price: TestModels.Matrix("speed", ("fast", 9), ("relax", 2), ("turbo", 18)));

    private static readonly Model MjVideo = TestModels.Make("midjourney-video", ModelCategory.Video, ProviderName.MidJourney, "video-diffusion",
        capabilities: [ModelCapabilities.Async], options: ["motion"], price: TestModels.Matrix("resolution", ("480p", 50), ("720p", 160)));

    private static string Job(string id, string status, string output = "null", string error = """{"code":0,"raw_message":"","message":"","detail":null}""") =>
        $$$"""{"job_id":"{{{id}}}","model":"midjourney","task_type":"diffusion","status":"{{{status}}}","config":{"service_mode":"public"},"input":null,"output":{{{output}}},"meta":{"usage":{"type":"point","frozen":80,"consume":0}},"detail":null,"logs":[],"error":{{{error}}}}""";

    [Fact]
    public async Task Imagine_sends_prompt_with_flags_and_x_api_key_then_returns_the_four_images()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.MidJourney, "/api");
        h.Fake.On("POST", "/api/v1/diffusion", Json(200, Job("j1", "pending")));
        h.Fake.On("GET", "/api/v1/job/j1", Json(200, Job("j1", "processing")));
        h.Fake.On("GET", "/api/v1/job/j1", Json(200, Job("j1", "completed", """{"image_url":"","image_urls":["https://cdn.legnext.ai/temp/a_0.png","https://cdn.legnext.ai/temp/a_1.png","https://cdn.legnext.ai/temp/a_2.png","https://cdn.legnext.ai/temp/a_3.png"],"seed":"1"}""")));

        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new ImageRequest(Mj, "a castle", new Dictionary<string, string> { ["aspect_ratio"] = "16:9", ["speed"] = "turbo" }), default));
        var sent = h.Fake.Single("POST", "/api/v1/diffusion");
        Assert.Equal(ProviderHarness.KeyOf(ProviderName.MidJourney), sent.Header("x-api-key"));
        Assert.Equal("a castle --ar 16:9 --turbo", sent.Json.GetProperty("text").GetString());

        var tracker = h.Router.Tracker(Mj);
        Assert.Equal(JobPhase.Running, (await tracker.GetAsync(Mj, pending.ProviderJobId, default)).Phase);
        var done = await tracker.GetAsync(Mj, pending.ProviderJobId, default);
        Assert.Equal(4, done.Result!.Items.Count);
    }

    [Fact]
    public async Task Upscale_and_variation_act_on_one_image_of_the_parent_grid()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.MidJourney, "/api");
        h.Fake.On("POST", "/api/v1/upscale", Json(200, Job("u1", "pending")));
        h.Fake.On("POST", "/api/v1/variation", Json(200, Job("v1", "pending")));

        var upscale = await h.Router.GenerateAsync(new ImageRequest(Mj, "", new Dictionary<string, string> { ["action"] = "upscale", ["parent_job"] = "grid-7", ["image_index"] = "3" }), default);
        var variation = await h.Router.GenerateAsync(new ImageRequest(Mj, "more snow", new Dictionary<string, string> { ["action"] = "variation", ["parent_job"] = "grid-7", ["image_index"] = "1" }), default);

        Assert.Equal("u1", Assert.IsType<ProviderOutcome.Pending>(upscale).ProviderJobId);
        Assert.Equal("v1", Assert.IsType<ProviderOutcome.Pending>(variation).ProviderJobId);
        var up = h.Fake.Single("POST", "/api/v1/upscale");
        Assert.Equal(ProviderHarness.KeyOf(ProviderName.MidJourney), up.Header("x-api-key"));
        Assert.Equal(("grid-7", 2, 0), (up.Json.GetProperty("jobId").GetString(), up.Json.GetProperty("imageNo").GetInt32(), up.Json.GetProperty("type").GetInt32()));
        var vary = h.Fake.Single("POST", "/api/v1/variation").Json;
        Assert.Equal(("grid-7", 0, "more snow"), (vary.GetProperty("jobId").GetString(), vary.GetProperty("imageNo").GetInt32(), vary.GetProperty("remixPrompt").GetString()));
        var orphan = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Mj, "", new Dictionary<string, string> { ["action"] = "upscale", ["image_index"] = "1" }), default));
        Assert.Equal(ProviderErrorKind.InvalidInput, orphan.Kind);
        Assert.Empty(h.Fake.To("POST", "/api/v1/diffusion"));
    }

    [Fact]
    public async Task A_10_second_video_is_the_5_second_one_extended_once_it_completes()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.MidJourney, "/api");
        h.Fake.On("POST", "/api/v1/video-diffusion", Json(200, Job("v9", "pending")));
        h.Fake.On("GET", "/api/v1/job/v9", Json(200, Job("v9", "processing")));
        h.Fake.On("GET", "/api/v1/job/v9", Json(200, Job("v9", "completed", """{"video_urls":["https://cdn.legnext.ai/v9_0.mp4"]}""")));
        h.Fake.On("POST", "/api/v1/extend-video", Json(200, Job("x9", "pending")));
        h.Fake.On("GET", "/api/v1/job/x9", Json(200, Job("x9", "completed", """{"video_urls":["https://cdn.legnext.ai/x9_0.mp4"]}""")));
        var video = TestModels.Make("midjourney-video", ModelCategory.Video, ProviderName.MidJourney, "video-diffusion",
            capabilities: [ModelCapabilities.Async], options: ["motion", "duration"], price: TestModels.Matrix("resolution", ("480p", 50), ("720p", 160)));

        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new VideoRequest(video, "waves", new Dictionary<string, string> { ["duration"] = "10" }), default));
        var tracker = h.Router.Tracker(video);
        var first = await tracker.GetAsync(video, pending.ProviderJobId, default);
        var handover = await tracker.GetAsync(video, pending.ProviderJobId, default);
        var done = await tracker.GetAsync(video, handover.NextJobId!, default);

        Assert.Equal((JobPhase.Running, (string?)null), (first.Phase, first.NextJobId));
        Assert.Equal((JobPhase.Running, "x9"), (handover.Phase, handover.NextJobId));
        var extend = h.Fake.Single("POST", "/api/v1/extend-video").Json;
        Assert.Equal(("v9", 0), (extend.GetProperty("jobId").GetString(), extend.GetProperty("videoNo").GetInt32()));
        Assert.Equal("https://cdn.legnext.ai/x9_0.mp4", done.Result!.First!.Url!.ToString());
    }

    [Fact]
    public async Task Video_sends_video_type_and_motion()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.MidJourney, "/api");
        h.Fake.On("POST", "/api/v1/video-diffusion", Json(200, Job("v1", "pending")));
        await h.Router.GenerateAsync(new VideoRequest(MjVideo, "ocean", new Dictionary<string, string> { ["resolution"] = "720p", ["motion"] = "high" }), default);
        var body = h.Fake.Single("POST", "/api/v1/video-diffusion").Json;
        Assert.Equal((1, "ocean --motion high"), (body.GetProperty("videoType").GetInt32(), body.GetProperty("prompt").GetString()));
    }

    [Fact]
    public async Task Sensitive_403_and_banned_job_failure_are_content_policy()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.MidJourney, "/api");
        h.Fake.On("POST", "/api/v1/diffusion", Json(403, """{"code":403,"message":"Sensitive content detected","raw_message":"","detail":null}"""));
        h.Fake.On("GET", "/api/v1/job/j2", Json(200, Job("j2", "failed", error: """{"code":10001,"raw_message":"Banned prompt detected","message":"Banned prompt","detail":null}""")));
        Assert.Equal(ProviderErrorKind.ContentPolicy, (await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Mj, "x"), default))).Kind);
        Assert.Equal(ProviderErrorKind.ContentPolicy, (await h.Router.Tracker(Mj).GetAsync(Mj, "j2", default)).Error!.Kind);
    }

    [Fact]
    public async Task Credits_rate_limit_server_error_malformed_and_timeout_are_mapped()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.MidJourney, "/api", s => s["Providers:MidJourney:CreateTimeout"] = "00:00:03");
        h.Fake.On("POST", "/api/v1/diffusion", Json(402, """{"code":402,"message":"Insufficient credits","raw_message":"","detail":null}"""));
        h.Fake.On("POST", "/api/v1/diffusion", Json(429, """{"code":429,"message":"Too many requests","raw_message":"","detail":null}""", ("Retry-After", "9")));
        h.Fake.On("POST", "/api/v1/diffusion", Json(502, "bad gateway"));
        h.Fake.On("POST", "/api/v1/diffusion", Json(200, """{"status":"pending"}"""));
        h.Fake.On("POST", "/api/v1/diffusion", Hang());
        var request = new ImageRequest(Mj, "x");
        Assert.Equal(ProviderErrorKind.Misconfigured, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        var limited = await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(9)), (limited.Kind, limited.RetryAfter!.Value));
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Timeout, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(5, h.Fake.To("POST", "/api/v1/diffusion").Count);
    }
}
