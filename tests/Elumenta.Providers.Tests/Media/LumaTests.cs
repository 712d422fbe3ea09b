using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Media;

public sealed class LumaTests
{
    private static readonly Model Ray2 = TestModels.Make("luma-ray2", ModelCategory.Video, ProviderName.Luma, "ray-2",
        capabilities: [ModelCapabilities.Async, ModelCapabilities.StartFrame], options: ["aspect_ratio", "loop"],
        price: new PriceRuleOptions
        {
            Kind = "matrix",
            Dimensions =
            [
                new PriceDimensionOptions { Option = "resolution", Values = ["540p", "720p"], Default = "540p" },
                new PriceDimensionOptions { Option = "duration", Values = ["5", "9"], Default = "5" },
            ],
            Prices = new() { ["540p|5"] = 42, ["540p|9"] = 76, ["720p|5"] = 58, ["720p|9"] = 104 },
        });

    private static readonly Model Photon = TestModels.Make("photon", ModelCategory.Image, ProviderName.Luma, "photon-1",
        capabilities: [ModelCapabilities.Async], options: ["aspect_ratio", "format", "resolution"]);

    private static string Generation(string id, string state, string assets = "{\"video\":null,\"image\":null,\"progress_video\":null}", string reason = "null") =>
        $$$"""{"id":"{{{id}}}","generation_type":"video","state":"{{{state}}}","failure_reason":{{{reason}}},"created_at":"2025-01-01T00:00:00Z","model":"ray-2","assets":{{{assets}}},"request":{}}""";

    [Fact]
    public async Task Video_is_created_with_keyframe_and_duration_then_polled_to_its_asset()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");
        h.Fake.On("POST", "/dream-machine/v1/generations/video", Json(201, Generation("g1", "queued")));
        h.Fake.On("GET", "/dream-machine/v1/generations/g1", Json(200, Generation("g1", "dreaming")));
        h.Fake.On("GET", "/dream-machine/v1/generations/g1", Json(200, Generation("g1", "completed", """{"video":"https://storage.cdn-luma.com/x/out.mp4","image":null}""")));

        var outcome = await h.Router.GenerateAsync(new VideoRequest(Ray2, "waves", new Dictionary<string, string> { ["resolution"] = "720p", ["duration"] = "9", ["loop"] = "true" },
            MediaInput.FromUrl(new Uri("https://example.com/start.jpg"), "image/jpeg")), default);

        Assert.Equal("g1", Assert.IsType<ProviderOutcome.Pending>(outcome).ProviderJobId);
        var sent = h.Fake.Single("POST", "/dream-machine/v1/generations/video").Json;
        Assert.Equal("Bearer " + ProviderHarness.KeyOf(ProviderName.Luma), h.Fake.Requests.First().Header("Authorization"));
        Assert.Equal("ray-2", sent.GetProperty("model").GetString());
        Assert.Equal("9s", sent.GetProperty("duration").GetString());
        Assert.Equal("720p", sent.GetProperty("resolution").GetString());
        Assert.True(sent.GetProperty("loop").GetBoolean());
        Assert.Equal("https://example.com/start.jpg", sent.GetProperty("keyframes").GetProperty("frame0").GetProperty("url").GetString());

        var tracker = h.Router.Tracker(Ray2);
        Assert.Equal(JobPhase.Running, (await tracker.GetAsync(Ray2, "g1", default)).Phase);
        var done = await tracker.GetAsync(Ray2, "g1", default);
        Assert.Equal("video/mp4", done.Result!.First!.MimeType);
        Assert.Equal("https://storage.cdn-luma.com/x/out.mp4", done.Result.First.Url!.ToString());
    }

    [Theory]
    [InlineData("file:///proc/self/environ")]
    [InlineData("http://example.com/start.jpg")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://localhost/start.jpg")]
    public async Task A_start_frame_url_that_is_not_public_https_is_refused_before_any_call(string url)
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");

        var refused = await Assert.ThrowsAsync<ProviderException>(() => h.Router.GenerateAsync(
            new VideoRequest(Ray2, "waves", null, MediaInput.FromUrl(new Uri(url), "image/jpeg")), default));

        Assert.Equal(("untrusted_input_url", ProviderErrorKind.InvalidInput), (refused.Code, refused.Kind));
        Assert.Empty(h.Fake.Requests);
    }

    [Fact]
    public async Task Image_goes_to_the_image_endpoint()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");
        h.Fake.On("POST", "/dream-machine/v1/generations/image", Json(201, Generation("i1", "queued")));
        await h.Router.GenerateAsync(new ImageRequest(Photon, "a cat", new Dictionary<string, string> { ["aspect_ratio"] = "1:1" }), default);
        var sent = h.Fake.Single("POST", "/dream-machine/v1/generations/image").Json;
        Assert.Equal("photon-1", sent.GetProperty("model").GetString());
        Assert.Equal("1:1", sent.GetProperty("aspect_ratio").GetString());
    }

    [Fact]
    public async Task A_photon_1080p_request_is_refused_before_luma_is_called()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");

        var refused = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Photon, "a cat", new Dictionary<string, string> { ["resolution"] = "1080p" }), default));

        Assert.Equal(ProviderErrorKind.InvalidInput, refused.Kind);
        Assert.Empty(h.Fake.To("POST", "/dream-machine/v1/generations/image"));
    }

    [Fact]
    public async Task Moderation_failure_is_a_content_policy_refusal()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");
        h.Fake.On("GET", "/dream-machine/v1/generations/g2", Json(200, Generation("g2", "failed", reason: "\"Prompt failed moderation: flagged content\"")));
        var snapshot = await h.Router.Tracker(Ray2).GetAsync(Ray2, "g2", default);
        Assert.Equal(ProviderErrorKind.ContentPolicy, snapshot.Error!.Kind);
    }

    [Fact]
    public async Task Rate_limit_server_error_and_malformed_bodies_are_mapped()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");
        h.Fake.On("POST", "/dream-machine/v1/generations/video", Json(429, """{"detail":"Too many concurrent generations"}""", ("Retry-After", "7")));
        h.Fake.On("POST", "/dream-machine/v1/generations/video", Json(500, """{"detail":"Internal Server Error"}"""));
        h.Fake.On("POST", "/dream-machine/v1/generations/video", Json(201, "{\"no\":\"id\"}"));
        var request = new VideoRequest(Ray2, "x");

        var limited = await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(7)), (limited.Kind, limited.RetryAfter!.Value));
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(3, h.Fake.To("POST", "/dream-machine/v1/generations/video").Count);
    }

    [Fact]
    public async Task Poll_that_hangs_times_out()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1", s =>
        {
            s["Providers:Luma:PollTimeout"] = "00:00:03";
            s["Providers:Luma:MaxRetries"] = "1";
        });
        h.Fake.On("GET", "/dream-machine/v1/generations/g3", Hang());
        var e = await Collect.FailureAsync(() => h.Router.Tracker(Ray2).GetAsync(Ray2, "g3", default));
        Assert.Equal(ProviderErrorKind.Timeout, e.Kind);
        Assert.Equal(2, h.Fake.To("GET", "/dream-machine/v1/generations/g3").Count);
    }

    [Fact]
    public async Task Cancel_deletes_the_generation_and_bytes_start_frames_are_refused()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Luma, "/dream-machine/v1");
        h.Fake.On("DELETE", "/dream-machine/v1/generations/g4", Raw(204, "application/json", ""));
        Assert.True(await h.Router.Tracker(Ray2).CancelAsync(Ray2, "g4", default));
        h.Fake.Single("DELETE", "/dream-machine/v1/generations/g4");

        var e = await Collect.FailureAsync(() => h.Router.GenerateAsync(new VideoRequest(Ray2, "x", null, MediaInput.FromBytes([1], "image/png")), default));
        Assert.Equal(ProviderErrorKind.InvalidInput, e.Kind);
    }
}
