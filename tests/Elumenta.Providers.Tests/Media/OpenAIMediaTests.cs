using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Media;

public sealed class OpenAIMediaTests
{
    private static readonly Model Dalle = TestModels.Make("dall-e-3", ModelCategory.Image, ProviderName.OpenAI, "dall-e-3", options: ["style"],
        price: new PriceRuleOptions
        {
            Kind = "matrix",
            Dimensions =
            [
                new PriceDimensionOptions { Option = "size", Values = ["1024x1024", "1024x1792"], Default = "1024x1024" },
                new PriceDimensionOptions { Option = "quality", Values = ["standard", "hd"], Default = "standard" },
            ],
            Prices = new() { ["1024x1024|standard"] = 5, ["1024x1024|hd"] = 9, ["1024x1792|standard"] = 9, ["1024x1792|hd"] = 13 },
        });

    private static readonly Model GptImage = TestModels.Make("gpt-image-1.5", ModelCategory.Image, ProviderName.OpenAI, "gpt-image-1.5",
        capabilities: [ModelCapabilities.ImageInput], options: ["format", "background"]);

    private static readonly Model Tts = TestModels.Make("gpt-4o-mini-tts", ModelCategory.Tts, ProviderName.OpenAI, "gpt-4o-mini-tts", options: ["voice", "instructions"]);
    private static readonly Model Whisper = TestModels.Make("whisper", ModelCategory.Stt, ProviderName.OpenAI, "whisper-1", capabilities: [ModelCapabilities.AudioInput], options: ["language"]);
    private static readonly Model Sora = TestModels.Make("sora-2", ModelCategory.Video, ProviderName.OpenAI, "sora-2", capabilities: [ModelCapabilities.Async], options: ["aspect_ratio", "duration"]);

    private static string Video(string status, int progress, string error = "null") =>
        $$$"""{"id":"video_1","object":"video","model":"sora-2","status":"{{{status}}}","progress":{{{progress}}},"created_at":1760000000,"completed_at":null,"expires_at":null,"prompt":"p","size":"1280x720","seconds":"8","remixed_from_video_id":null,"error":{{{error}}}}""";

    [Fact]
    public async Task Dalle_sends_size_quality_style_and_url_format_and_returns_the_url()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/images/generations", Json(200, """{"created":1,"data":[{"url":"https://oaidalleapiprodscus.blob.core.windows.net/x.png","revised_prompt":"A fox"}]}"""));
        var options = new Dictionary<string, string> { ["size"] = "1024x1792", ["quality"] = "hd", ["style"] = "natural" };
        var done = Assert.IsType<ProviderOutcome.Done>(await h.Router.GenerateAsync(new ImageRequest(Dalle, "a fox", options), default));
        Assert.Equal("https://oaidalleapiprodscus.blob.core.windows.net/x.png", done.Result.First!.Url!.ToString());
        var sent = h.Fake.Single("POST", "/v1/images/generations");
        Assert.Equal("Bearer " + ProviderHarness.KeyOf(ProviderName.OpenAI), sent.Header("Authorization"));
        var body = sent.Json;
        Assert.Equal(("dall-e-3", "1024x1792", "hd", "natural", "url"), (body.GetProperty("model").GetString(), body.GetProperty("size").GetString(),
            body.GetProperty("quality").GetString(), body.GetProperty("style").GetString(), body.GetProperty("response_format").GetString()));
    }

    [Fact]
    public async Task Gpt_image_returns_b64_bytes_and_moderation_blocked_is_a_refusal()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/images/generations", Json(200, """{"created":1,"data":[{"b64_json":"iVBORw0KGgo="}],"output_format":"png","usage":{"input_tokens":10,"output_tokens":100,"total_tokens":110}}"""));
        h.Fake.On("POST", "/v1/images/generations", Json(400, """{"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","param":null,"code":"moderation_blocked"},"moderation_details":{"moderation_stage":"input","categories":["violence"]}}"""));
        var done = Assert.IsType<ProviderOutcome.Done>(await h.Router.GenerateAsync(new ImageRequest(GptImage, "a fox"), default));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], done.Result.First!.Bytes);
        Assert.Equal("gpt-image-1.5", h.Fake.To("POST", "/v1/images/generations")[0].Json.GetProperty("model").GetString());
        var e = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(GptImage, "bad"), default));
        Assert.Equal((ProviderErrorKind.ContentPolicy, "moderation_blocked"), (e.Kind, e.Code));
    }

    [Fact]
    public async Task Image_errors_429_5xx_malformed_and_timeout_are_mapped_and_never_repeated()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1", s => s["Providers:OpenAI:CreateTimeout"] = "00:00:03");
        h.Fake.On("POST", "/v1/images/generations", Json(429, """{"error":{"message":"Rate limit","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", ("Retry-After", "20")));
        h.Fake.On("POST", "/v1/images/generations", Json(500, """{"error":{"message":"oops","type":"server_error","param":null,"code":null}}"""));
        h.Fake.On("POST", "/v1/images/generations", Json(200, """{"created":1,"data":[{}]}"""));
        h.Fake.On("POST", "/v1/images/generations", Hang());
        var request = new ImageRequest(Dalle, "x");
        var limited = await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(20)), (limited.Kind, limited.RetryAfter!.Value));
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Timeout, (await Collect.FailureAsync(() => h.Router.GenerateAsync(request, default))).Kind);
        Assert.Equal(4, h.Fake.To("POST", "/v1/images/generations").Count);
    }

    [Fact]
    public async Task Speech_sends_model_voice_instructions_and_returns_mp3()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/audio/speech", Bytes("audio/mpeg", [0xFF, 0xF3, 1, 2]));
        var options = new Dictionary<string, string> { ["voice"] = "coral", ["instructions"] = "cheerful" };
        var done = Assert.IsType<ProviderOutcome.Done>(await h.Router.SpeakAsync(new SpeechRequest(Tts, "Hello", options), default));
        Assert.Equal([0xFF, 0xF3, 1, 2], done.Result.First!.Bytes);
        var body = h.Fake.Single("POST", "/v1/audio/speech").Json;
        Assert.Equal(("gpt-4o-mini-tts", "Hello", "coral", "cheerful", "mp3"), (body.GetProperty("model").GetString(), body.GetProperty("input").GetString(),
            body.GetProperty("voice").GetString(), body.GetProperty("instructions").GetString(), body.GetProperty("response_format").GetString()));
    }

    [Fact]
    public async Task Transcription_uploads_voice_ogg_multipart_with_model_and_language()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/audio/transcriptions", Json(200, """{"text":"Привет","usage":{"type":"duration","seconds":2}}"""));
        var audio = MediaInput.FromBytes([0x4F, 0x67, 0x67, 0x53, 0], "audio/ogg");
        var done = Assert.IsType<ProviderOutcome.Done>(await h.Router.TranscribeAsync(new TranscriptionRequest(Whisper, audio, new Dictionary<string, string> { ["language"] = "ru" }), default));
        Assert.Equal("Привет", done.Result.Text);
        var sent = h.Fake.Single("POST", "/v1/audio/transcriptions");
        Assert.Equal(("whisper-1", "ru"), (sent.FormFields["model"], sent.FormFields["language"]));
        Assert.Equal(("file", "voice.ogg", 5), (Assert.Single(sent.Files).Name, sent.Files[0].FileName, sent.Files[0].Length));
    }

    [Fact]
    public async Task Sora_creates_polls_progress_and_downloads_the_content()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/videos", Json(200, Video("queued", 0)));
        h.Fake.On("GET", "/v1/videos/video_1", Json(200, Video("in_progress", 42)));
        h.Fake.On("GET", "/v1/videos/video_1", Json(200, Video("completed", 100)));
        h.Fake.On("GET", "/v1/videos/video_1/content", Bytes("video/mp4", [0, 0, 0, 8, 0x66, 0x74, 0x79, 0x70]));

        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.GenerateAsync(new VideoRequest(Sora, "surf", new Dictionary<string, string> { ["duration"] = "8", ["aspect_ratio"] = "16:9" }), default));
        var body = h.Fake.Single("POST", "/v1/videos").Json;
        Assert.Equal(("sora-2", "8", "1280x720"), (body.GetProperty("model").GetString(), body.GetProperty("seconds").GetString(), body.GetProperty("size").GetString()));

        var tracker = h.Router.Tracker(Sora);
        Assert.Equal(42, (await tracker.GetAsync(Sora, pending.ProviderJobId, default)).Progress);
        var done = await tracker.GetAsync(Sora, pending.ProviderJobId, default);
        Assert.Equal(("video/mp4", 8), (done.Result!.First!.MimeType, done.Result.First.Bytes!.Length));
    }

    [Fact]
    public async Task Sora_moderation_failure_is_a_refusal()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("GET", "/v1/videos/video_1", Json(200, Video("failed", 0, """{"code":"moderation_blocked","message":"Your request was blocked by our moderation system."}""")));
        Assert.Equal(ProviderErrorKind.ContentPolicy, (await h.Router.Tracker(Sora).GetAsync(Sora, "video_1", default)).Error!.Kind);
    }
}
