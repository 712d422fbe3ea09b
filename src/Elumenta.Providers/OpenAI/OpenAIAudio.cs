using System.ClientModel;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using global::OpenAI.Audio;

namespace Elumenta.Providers.OpenAI;

/// <summary>tts-1 / tts-1-hd / gpt-4o-mini-tts speech and whisper-1 / gpt-4o-transcribe transcription through the SDK.</summary>
public sealed class OpenAIAudio(OpenAISdk sdk) : IProviderAdapter, ITextToSpeech, ISpeechToText
{
    public ProviderName Provider => ProviderName.OpenAI;

    public async Task<ProviderOutcome> SpeakAsync(SpeechRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = sdk.Client().GetAudioClient(request.Model.UpstreamId);
        var voice = new GeneratedSpeechVoice(request.Options.Opt("voice") ?? sdk.Http.Options.Setting("DefaultVoice", "alloy"));
        var options = new SpeechGenerationOptions { ResponseFormat = GeneratedSpeechFormat.Mp3 };
        if (request.Options.Opt("speed") is { } speed && float.TryParse(speed, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio))
        {
            options.SpeedRatio = ratio;
        }

        if (request.Options.Opt("instructions") is { } instructions)
        {
#pragma warning disable OPENAI001 // instructions (gpt-4o-mini-tts only) is still marked experimental in the SDK.
            options.Instructions = instructions;
#pragma warning restore OPENAI001
        }

        try
        {
            var audio = (await client.GenerateSpeechAsync(request.Text, voice, options, ct)).Value;
            return audio.IsEmpty
                ? throw ErrorMapper.Malformed(Provider, "speech (empty audio)")
                : new ProviderOutcome.Done(MediaResult.FromBytes(audio.ToArray(), "audio/mpeg"));
        }
        catch (ClientResultException e)
        {
            throw sdk.Map(e);
        }
    }

    public async Task<ProviderOutcome> TranscribeAsync(TranscriptionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bytes = request.Audio.Bytes
            ?? throw new ProviderException(ProviderErrorKind.InvalidInput, Provider, "OpenAI transcription needs the audio as bytes.");
        var client = sdk.Client().GetAudioClient(request.Model.UpstreamId);
        var options = new AudioTranscriptionOptions { ResponseFormat = AudioTranscriptionFormat.Simple };
        if (request.Options.Opt("language") is { } language)
        {
            options.Language = language;
        }

        try
        {
            using var stream = new MemoryStream(bytes);
            var transcription = (await client.TranscribeAudioAsync(stream, AudioFiles.FileName(request.Audio), options, ct)).Value;
            return new ProviderOutcome.Done(MediaResult.FromText(transcription.Text ?? ""));
        }
        catch (ClientResultException e)
        {
            throw sdk.Map(e);
        }
    }
}
