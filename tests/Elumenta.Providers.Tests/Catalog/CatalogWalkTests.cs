using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Catalog;

/// <summary>Every model of the real <c>config/catalog.json</c> reaches its provider's endpoint with default options.</summary>
public sealed class CatalogWalkTests
{
    private static readonly Dictionary<ProviderName, string> Bases = new()
    {
        [ProviderName.OpenAI] = "/openai/v1",
        [ProviderName.Anthropic] = "/anthropic",
        [ProviderName.Google] = "/google/v1beta",
        [ProviderName.DeepSeek] = "/deepseek",
        [ProviderName.XAI] = "/xai/v1",
        [ProviderName.Replicate] = "/replicate/v1",
        [ProviderName.Luma] = "/luma/dream-machine/v1",
        [ProviderName.MidJourney] = "/mj/api",
        [ProviderName.ElevenLabs] = "/el",
    };

    /// <summary>providers.md's slug → endpoint table (paths relative to the provider's base URL).</summary>
    private static string ExpectedPath(Model m) => m.Provider switch
    {
        ProviderName.OpenAI => m.Category switch
        {
            ModelCategory.Text => "/chat/completions",
            ModelCategory.Image => "/images/generations",
            ModelCategory.Video => "/videos",
            ModelCategory.Tts => "/audio/speech",
            _ => "/audio/transcriptions",
        },
        ProviderName.Anthropic => "/v1/messages",
        ProviderName.Google => $"/models/{m.UpstreamId}:streamGenerateContent",
        ProviderName.DeepSeek or ProviderName.XAI => "/chat/completions",
        ProviderName.Replicate => m.UpstreamVersion is null ? $"/models/{m.UpstreamId}/predictions" : "/predictions",
        ProviderName.Luma => m.Category == ModelCategory.Video ? "/generations/video" : "/generations/image",
        ProviderName.MidJourney => m.Category == ModelCategory.Video ? "/v1/video-diffusion" : "/v1/diffusion",
        _ => m.Slug switch
        {
            "elevenlabs-music" => "/v1/music",
            "elevenlabs-scribe" => "/v1/speech-to-text",
            "elevenlabs-sfx" => "/v1/sound-generation",
            "el-voice-changer" => "/v1/speech-to-speech/",
            "el-voice-isolator" => "/v1/audio-isolation",
            "el-dubbing" => "/v1/dubbing",
            "el-dialogue" => "/v1/text-to-dialogue",
            _ => "/v1/text-to-speech/",
        },
    };

    [Fact]
    public async Task Every_catalog_model_resolves_and_reaches_its_endpoint_with_default_options()
    {
        var catalog = JobHarness.Catalog;
        Assert.Equal(52, catalog.Models.Count);
        await using var fake = await FakeServer.StartAsync();
        Script(fake);
        var settings = new Dictionary<string, string?>();
        foreach (var (provider, basePath) in Bases)
        {
            settings[$"Providers:{provider}:BaseUrl"] = fake.Url + basePath;
            settings[$"Providers:{provider}:ApiKey"] = ProviderHarness.KeyOf(provider);
        }

        var services = new ServiceCollection().AddLogging();
        services.AddProviders(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        await using var sp = services.BuildServiceProvider();
        var router = sp.GetRequiredService<ModelRouter>();

        foreach (var model in catalog.Models)
        {
            var route = router.Resolve(model);
            Assert.False(route.Simulated);
            Assert.False(string.IsNullOrWhiteSpace(route.UpstreamId), model.Slug);
            Assert.True(router.IsAvailable(model), model.Slug);
            var before = fake.Requests.Count;

            await CallAsync(router, model);

            var sent = fake.Requests.Skip(before).First();
            Assert.True(sent.Path.StartsWith(Bases[model.Provider] + ExpectedPath(model), StringComparison.Ordinal), $"{model.Slug} went to {sent.Path}");
            if (model.Provider is not ProviderName.Replicate and not ProviderName.ElevenLabs and not ProviderName.MidJourney && !sent.Path.Contains("/transcriptions", StringComparison.Ordinal) && model.Provider != ProviderName.Google)
            {
                Assert.Equal(model.UpstreamId, sent.Json.GetProperty("model").GetString());
            }
        }
    }

    [Fact]
    public void A_provider_without_a_key_lists_its_models_as_unavailable_and_simulated_ones_as_available()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddProviders(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:OpenAI:ApiKey"] = "sk-live",
            ["Providers:Luma:Simulated"] = "true",
        }).Build());
        using var sp = services.BuildServiceProvider();
        var router = sp.GetRequiredService<ModelRouter>();
        var catalog = JobHarness.Catalog;

        Assert.True(router.IsAvailable(catalog.FindModel("gpt-5")!));
        Assert.True(router.IsAvailable(catalog.FindModel("photon")!));
        Assert.False(router.IsAvailable(catalog.FindModel("claude-opus-4.5")!));
        Assert.Equal("https://api.anthropic.com/", sp.GetRequiredService<IOptionsMonitor<Configuration.ProviderOptions>>().Get("Anthropic").BaseUri.ToString());
    }

    private static async Task CallAsync(ModelRouter router, Model m)
    {
        var image = MediaInput.FromUrl(new Uri("https://example.com/in.png"), "image/png");
        var audio = MediaInput.FromBytes([0x4F, 0x67, 0x67, 0x53], "audio/ogg");
        switch (m.Category)
        {
            case ModelCategory.Text:
                await Collect.AllAsync(router.StreamAsync(new ChatRequest(m, [ChatTurn.User("hi")]), default));
                break;
            case ModelCategory.Image:
                await router.GenerateAsync(new ImageRequest(m, "a fox"), default);
                break;
            case ModelCategory.Video:
                await router.GenerateAsync(new VideoRequest(m, "waves", null, m.Has(ModelCapabilities.RequiresStartFrame) ? image : null), default);
                break;
            case ModelCategory.Music:
                await router.ComposeAsync(new MusicRequest(m, "lofi"), default);
                break;
            case ModelCategory.Tts:
                await router.SpeakAsync(new SpeechRequest(m, "hello"), default);
                break;
            case ModelCategory.Stt:
                await router.TranscribeAsync(new TranscriptionRequest(m, audio), default);
                break;
            case ModelCategory.AudioTool:
                var options = m.Options.Contains("target_lang") ? new Dictionary<string, string> { ["target_lang"] = "es" } : null;
                await router.RunAsync(new AudioToolRequest(m, "a door creaks\nand closes", audio, Options: options), default);
                break;
            default:
                await router.RunAsync(new ImageToolRequest(m, image, image, image, "prompt"), default);
                break;
        }
    }

    private static void Script(FakeServer fake)
    {
        var chunk = Data(new { id = "c", @object = "chat.completion.chunk", created = 1, model = "m", choices = new[] { new { index = 0, delta = new { content = "ok" }, finish_reason = "stop" } } });
        foreach (var path in new[] { "/openai/v1/chat/completions", "/deepseek/chat/completions", "/xai/v1/chat/completions" })
        {
            fake.On("POST", path, Sse(chunk, "data: [DONE]\n\n"));
        }

        fake.On("POST", "/anthropic/v1/messages", Sse(
            Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = "ok" } }),
            Event("message_stop", new { type = "message_stop" })));
        fake.On("POST", "/google/v1beta/models/*", Sse("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"ok\"}]},\"finishReason\":\"STOP\"}]}\r\n\r\n"));
        fake.On("POST", "/openai/v1/images/generations", Json(200, """{"created":1,"data":[{"url":"https://x/y.png","b64_json":"iVBORw0KGgo="}]}"""));
        fake.On("POST", "/openai/v1/videos", Json(200, """{"id":"video_1","object":"video","status":"queued","progress":0}"""));
        fake.On("POST", "/openai/v1/audio/speech", Bytes("audio/mpeg", [0xFF, 0xF3]));
        fake.On("POST", "/openai/v1/audio/transcriptions", Json(200, """{"text":"ok"}"""));
        fake.On("POST", "/replicate/v1/*", Json(201, Media.ReplicateTests.Prediction("p", "starting")));
        fake.On("POST", "/luma/dream-machine/v1/*", Json(201, """{"id":"g","state":"queued"}"""));
        fake.On("POST", "/mj/api/*", Json(200, """{"job_id":"j","status":"pending"}"""));
        fake.On("POST", "/el/v1/*", Bytes("audio/mpeg", [0xFF, 0xF3]));
        fake.On("POST", "/el/v1/speech-to-text", Json(200, """{"text":"ok","language_code":"en"}"""));
        fake.On("POST", "/el/v1/dubbing", Json(200, """{"dubbing_id":"d","expected_duration_sec":1}"""));
    }
}
