using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.ElevenLabs;

/// <summary>
/// Hand-written ElevenLabs (no .NET SDK in the registry): speech, transcription, music and the audio tools are
/// one synchronous call returning audio bytes; dubbing is a job (see <see cref="ElevenLabsDubbing"/>).
/// </summary>
public sealed class ElevenLabsAdapter(ProviderHttp http, ElevenLabsDubbing dubbing) : IProviderAdapter, ITextToSpeech, ISpeechToText, IMusicModel, IAudioTool, IJobTracker
{
    public const string Format = "mp3_44100_128";

    public ProviderName Provider => ProviderName.ElevenLabs;

    private string DefaultVoice => http.Options.Setting("DefaultVoiceId", "21m00Tcm4TlvDq8ikWAM");

    public Task<ProviderOutcome> SpeakAsync(SpeechRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject { ["text"] = request.Text, ["model_id"] = request.Model.UpstreamId };
        return AudioAsync(ProviderHttp.Json(HttpMethod.Post, $"v1/text-to-speech/{Voice(request.Options)}?output_format={Format}", body), ct);
    }

    public async Task<ProviderOutcome> TranscribeAsync(TranscriptionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var form = new MultipartFormDataContent { { new StringContent(request.Model.UpstreamId), "model_id" } };
        AddAudio(form, request.Audio, "file", "cloud_storage_url");
        if (request.Options.Opt("language") is { } language)
        {
            form.Add(new StringContent(language), "language_code");
        }

        if (request.Options.Opt("diarize") is "true")
        {
            form.Add(new StringContent("true"), "diarize");
        }

        using var message = Keyed(new HttpRequestMessage(HttpMethod.Post, "v1/speech-to-text") { Content = form });
        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        return doc.RootElement.Str("text") is { } text
            ? new ProviderOutcome.Done(MediaResult.FromText(text))
            : throw ErrorMapper.Malformed(Provider, "transcription (no text)");
    }

    public Task<ProviderOutcome> ComposeAsync(MusicRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject { ["prompt"] = request.Prompt, ["model_id"] = request.Model.UpstreamId };
        if (request.Options.Opt("instrumental") is { } instrumental)
        {
            body["force_instrumental"] = JsonRead.Typed(instrumental);
        }

        if (request.Options.Opt("duration") is { } seconds && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            body["music_length_ms"] = (int)(s * 1000);
        }

        return AudioAsync(ProviderHttp.Json(HttpMethod.Post, $"v1/music?output_format={Format}", body), ct);
    }

    public Task<ProviderOutcome> RunAsync(AudioToolRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        switch (model.UpstreamId)
        {
            case "dubbing":
                return dubbing.StartAsync(request, ct);
            case "audio-isolation":
                return AudioAsync(Multipart("v1/audio-isolation", request, null), ct);
            case var sts when sts.Contains("sts", StringComparison.Ordinal):
                return AudioAsync(Multipart($"v1/speech-to-speech/{Voice(request.Options)}?output_format={Format}", request, model.UpstreamId), ct);
            case var dialogue when dialogue == "eleven_v3" || model.Slug.Contains("dialogue", StringComparison.Ordinal):
                return AudioAsync(ProviderHttp.Json(HttpMethod.Post, $"v1/text-to-dialogue?output_format={Format}", Dialogue(request)), ct);
            default:
                var body = new JsonObject { ["text"] = request.Text ?? throw Invalid("Describe the sound to generate."), ["model_id"] = model.UpstreamId };
                if (request.Options.Opt("duration_seconds") is { } duration)
                {
                    body["duration_seconds"] = JsonRead.Typed(duration);
                }

                return AudioAsync(ProviderHttp.Json(HttpMethod.Post, $"v1/sound-generation?output_format={Format}", body), ct);
        }
    }

    public Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct) => dubbing.GetAsync(providerJobId, ct);

    public Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct) => dubbing.DeleteAsync(providerJobId, ct);

    private JsonObject Dialogue(AudioToolRequest request)
    {
        var lines = request.Lines ?? [];
        if (lines.Count == 0)
        {
            // Plain text: one line per speaker turn, voices from the "voices" option taking turns.
            var voices = (request.Options.Opt("voices") ?? http.Options.Setting("DialogueVoices", $"{DefaultVoice},pNInz6obpgDQGcFmaJgB"))
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            lines = (request.Text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select((text, i) => new DialogueLine(text, voices[i % voices.Length])).ToList();
        }

        if (lines.Count == 0)
        {
            throw Invalid("A dialogue needs at least one line.");
        }

        var inputs = new JsonArray(lines.Select(l => (JsonNode)new JsonObject { ["text"] = l.Text, ["voice_id"] = l.VoiceId }).ToArray());
        return new JsonObject { ["inputs"] = inputs, ["model_id"] = request.Model.UpstreamId };
    }

    private HttpRequestMessage Multipart(string path, AudioToolRequest request, string? modelId)
    {
        var form = new MultipartFormDataContent();
        AddAudio(form, request.Audio ?? throw Invalid("Send the audio to work on."), "audio", null);
        if (modelId is not null)
        {
            form.Add(new StringContent(modelId), "model_id");
        }

        return new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
    }

    internal void AddAudio(MultipartFormDataContent form, MediaInput audio, string fileField, string? urlField)
    {
        if (audio.Bytes is { } bytes)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(audio.MimeType);
            form.Add(file, fileField, AudioFiles.FileName(audio));
        }
        else if (urlField is not null)
        {
            form.Add(new StringContent(audio.Url!.ToString()), urlField);
        }
        else
        {
            throw Invalid("ElevenLabs needs this audio as a file upload.");
        }
    }

    private async Task<ProviderOutcome> AudioAsync(HttpRequestMessage message, CancellationToken ct)
    {
        using (message)
        {
            var (bytes, mime) = await http.SendMediaAsync(Keyed(message), CallKind.Create, "audio/mpeg", ct);
            return new ProviderOutcome.Done(MediaResult.FromBytes(bytes, mime));
        }
    }

    private string Voice(IReadOnlyDictionary<string, string>? options) => Uri.EscapeDataString(options.Opt("voice") ?? DefaultVoice);

    internal HttpRequestMessage Keyed(HttpRequestMessage message)
    {
        message.Headers.Add("xi-api-key", http.RequireKey());
        return message;
    }

    private ProviderException Invalid(string message) => new(ProviderErrorKind.InvalidInput, Provider, message);
}
