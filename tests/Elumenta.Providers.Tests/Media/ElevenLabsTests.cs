using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Media;

public sealed class ElevenLabsTests
{
    private static readonly byte[] Mp3 = [0xFF, 0xFB, 0x90, 0x44, 0, 0];
    private static readonly Model Flash = TestModels.Make("elevenlabs-flash", ModelCategory.Tts, ProviderName.ElevenLabs, "eleven_flash_v2_5", options: ["voice"]);
    private static readonly Model Scribe = TestModels.Make("elevenlabs-scribe", ModelCategory.Stt, ProviderName.ElevenLabs, "scribe_v1", capabilities: [ModelCapabilities.AudioInput], options: ["language"]);
    private static readonly Model Sfx = TestModels.Make("elevenlabs-sfx", ModelCategory.AudioTool, ProviderName.ElevenLabs, "eleven_text_to_sound_v2", options: ["duration_seconds"]);
    private static readonly Model Changer = TestModels.Make("el-voice-changer", ModelCategory.AudioTool, ProviderName.ElevenLabs, "eleven_multilingual_sts_v2", capabilities: [ModelCapabilities.AudioInput], options: ["voice"]);
    private static readonly Model Isolator = TestModels.Make("el-voice-isolator", ModelCategory.AudioTool, ProviderName.ElevenLabs, "audio-isolation", capabilities: [ModelCapabilities.AudioInput]);
    private static readonly Model Dialogue = TestModels.Make("el-dialogue", ModelCategory.AudioTool, ProviderName.ElevenLabs, "eleven_v3", options: ["voices"]);
    private static readonly Model Music = TestModels.Make("elevenlabs-music", ModelCategory.Music, ProviderName.ElevenLabs, "music_v1", options: ["instrumental"]);
    private static readonly Model Dubbing = TestModels.Make("el-dubbing", ModelCategory.AudioTool, ProviderName.ElevenLabs, "dubbing",
        capabilities: [ModelCapabilities.AudioInput, ModelCapabilities.Async], options: ["target_lang", "source_lang"],
        price: new PriceRuleOptions { Kind = "per_unit", Unit = "source_minutes", UnitPrice = 60, MaxUnits = 10 });

    private static readonly MediaInput Voice = MediaInput.FromBytes([0x4F, 0x67, 0x67, 0x53], "audio/ogg");

    [Fact]
    public async Task Speech_posts_text_and_model_to_the_voice_with_xi_api_key_and_returns_audio()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.ElevenLabs);
        h.Fake.On("POST", "/v1/text-to-speech/voice-7", Bytes("audio/mpeg", Mp3));
        var done = Assert.IsType<ProviderOutcome.Done>(await h.Router.SpeakAsync(new SpeechRequest(Flash, "Привет", new Dictionary<string, string> { ["voice"] = "voice-7" }), default));
        Assert.Equal(Mp3, done.Result.First!.Bytes);
        Assert.Equal("audio/mpeg", done.Result.First.MimeType);
        var sent = h.Fake.Single("POST", "/v1/text-to-speech/voice-7");
        Assert.Equal(ProviderHarness.KeyOf(ProviderName.ElevenLabs), sent.Header("xi-api-key"));
        Assert.Equal("?output_format=mp3_44100_128", sent.Query);
        Assert.Equal(("Привет", "eleven_flash_v2_5"), (sent.Json.GetProperty("text").GetString(), sent.Json.GetProperty("model_id").GetString()));
    }

    [Fact]
    public async Task Transcription_uploads_voice_ogg_with_model_and_language()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.ElevenLabs);
        h.Fake.On("POST", "/v1/speech-to-text", Json(200, """{"language_code":"ru","language_probability":0.98,"text":"Привет мир","words":[]}"""));
        var done = Assert.IsType<ProviderOutcome.Done>(await h.Router.TranscribeAsync(new TranscriptionRequest(Scribe, Voice, new Dictionary<string, string> { ["language"] = "ru" }), default));
        Assert.Equal("Привет мир", done.Result.Text);
        var sent = h.Fake.Single("POST", "/v1/speech-to-text");
        Assert.Equal(("scribe_v1", "ru"), (sent.FormFields["model_id"], sent.FormFields["language_code"]));
        var file = Assert.Single(sent.Files);
        Assert.Equal(("file", "voice.ogg", 4), (file.Name, file.FileName, file.Length));
    }

    [Fact]
    public async Task Audio_tools_hit_their_endpoints()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.ElevenLabs);
        foreach (var path in new[] { "/v1/sound-generation", "/v1/speech-to-speech/*", "/v1/audio-isolation", "/v1/text-to-dialogue", "/v1/music" })
        {
            h.Fake.On("POST", path, Bytes("audio/mpeg", Mp3));
        }

        await h.Router.RunAsync(new AudioToolRequest(Sfx, "door creak", Options: new Dictionary<string, string> { ["duration_seconds"] = "2.5" }), default);
        await h.Router.RunAsync(new AudioToolRequest(Changer, Audio: Voice, Options: new Dictionary<string, string> { ["voice"] = "v2" }), default);
        await h.Router.RunAsync(new AudioToolRequest(Isolator, Audio: Voice), default);
        await h.Router.RunAsync(new AudioToolRequest(Dialogue, "Hi!\nHello there.", Options: new Dictionary<string, string> { ["voices"] = "a,b" }), default);
        await h.Router.ComposeAsync(new MusicRequest(Music, "lofi beat", new Dictionary<string, string> { ["instrumental"] = "true" }), default);

        Assert.Equal(2.5, h.Fake.Single("POST", "/v1/sound-generation").Json.GetProperty("duration_seconds").GetDouble());
        var sts = h.Fake.Single("POST", "/v1/speech-to-speech/v2");
        Assert.Equal("eleven_multilingual_sts_v2", sts.FormFields["model_id"]);
        Assert.Equal("audio", Assert.Single(sts.Files).Name);
        Assert.Equal("audio", Assert.Single(h.Fake.Single("POST", "/v1/audio-isolation").Files).Name);
        var inputs = h.Fake.Single("POST", "/v1/text-to-dialogue").Json.GetProperty("inputs");
        Assert.Equal(["a", "b"], inputs.EnumerateArray().Select(i => i.GetProperty("voice_id").GetString()));
        var music = h.Fake.Single("POST", "/v1/music").Json;
        Assert.Equal(("music_v1", true), (music.GetProperty("model_id").GetString(), music.GetProperty("force_instrumental").GetBoolean()));
    }

    [Fact]
    public async Task Dubbing_is_a_job_that_downloads_the_target_language_audio()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.ElevenLabs);
        h.Fake.On("POST", "/v1/dubbing", Json(200, """{"dubbing_id":"dub1","expected_duration_sec":12.3}"""));
        h.Fake.On("GET", "/v1/dubbing/dub1", Json(200, """{"dubbing_id":"dub1","name":"x","status":"dubbing","target_languages":["es"]}"""));
        h.Fake.On("GET", "/v1/dubbing/dub1", Json(200, """{"dubbing_id":"dub1","name":"x","status":"dubbed","target_languages":["es"]}"""));
        h.Fake.On("GET", "/v1/dubbing/dub1/audio/es", Bytes("audio/mpeg", Mp3));

        var options = new Dictionary<string, string> { ["target_lang"] = "es", ["source_minutes"] = "2" };
        var pending = Assert.IsType<ProviderOutcome.Pending>(await h.Router.RunAsync(new AudioToolRequest(Dubbing, Audio: Voice, Options: options), default));
        var tracker = h.Router.Tracker(Dubbing);
        Assert.Equal(JobPhase.Running, (await tracker.GetAsync(Dubbing, pending.ProviderJobId, default)).Phase);
        var done = await tracker.GetAsync(Dubbing, pending.ProviderJobId, default);

        Assert.Equal(Mp3, done.Result!.First!.Bytes);
        var sent = h.Fake.Single("POST", "/v1/dubbing");
        Assert.Equal("es", sent.FormFields["target_lang"]);
        Assert.False(sent.FormFields.ContainsKey("source_minutes"));
    }

    [Fact]
    public async Task Quota_exceeded_401_is_misconfigured_and_never_retried()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.ElevenLabs);
        h.Fake.On("POST", "/v1/text-to-speech/*", Json(401, """{"detail":{"status":"quota_exceeded","message":"This request exceeds your quota of 10000. You have 0 credits remaining, while 12 credits are required for this request."}}"""));
        var e = await Collect.FailureAsync(() => h.Router.SpeakAsync(new SpeechRequest(Flash, "x"), default));
        Assert.Equal((ProviderErrorKind.Misconfigured, "quota_exceeded"), (e.Kind, e.Code));
        Assert.Single(h.Fake.Requests);
    }

    [Fact]
    public async Task Busy_429_server_error_malformed_and_timeout_are_mapped()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.ElevenLabs, configure: s => s["Providers:ElevenLabs:CreateTimeout"] = "00:00:03");
        h.Fake.On("POST", "/v1/text-to-speech/*", Json(429, """{"detail":{"status":"system_busy","message":"We are experiencing heavy traffic"}}""", ("retry-after", "4")));
        h.Fake.On("POST", "/v1/text-to-speech/*", Json(500, """{"detail":"Internal Server Error"}"""));
        h.Fake.On("POST", "/v1/text-to-speech/*", Json(200, """{"not":"audio"}"""));
        h.Fake.On("POST", "/v1/text-to-speech/*", Hang());
        var request = new SpeechRequest(Flash, "x");
        var busy = await Collect.FailureAsync(() => h.Router.SpeakAsync(request, default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(4)), (busy.Kind, busy.RetryAfter!.Value));
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.SpeakAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.SpeakAsync(request, default))).Kind);
        Assert.Equal(ProviderErrorKind.Timeout, (await Collect.FailureAsync(() => h.Router.SpeakAsync(request, default))).Kind);
    }
}
