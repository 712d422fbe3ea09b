using Elumenta.Core.Catalog;

namespace Elumenta.Providers;

/// <summary>Streams an answer; throws <see cref="ProviderException"/> (also for errors that arrive mid-stream).</summary>
public interface IChatModel
{
    IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct);
}

public interface IImageModel
{
    Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct);
}

public interface IVideoModel
{
    Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct);
}

public interface IMusicModel
{
    Task<ProviderOutcome> ComposeAsync(MusicRequest request, CancellationToken ct);
}

public interface ITextToSpeech
{
    Task<ProviderOutcome> SpeakAsync(SpeechRequest request, CancellationToken ct);
}

public interface ISpeechToText
{
    Task<ProviderOutcome> TranscribeAsync(TranscriptionRequest request, CancellationToken ct);
}

public interface IAudioTool
{
    Task<ProviderOutcome> RunAsync(AudioToolRequest request, CancellationToken ct);
}

public interface IImageTool
{
    Task<ProviderOutcome> RunAsync(ImageToolRequest request, CancellationToken ct);
}

/// <summary>Follows the jobs a provider's <see cref="ProviderOutcome.Pending"/> answers created.</summary>
public interface IJobTracker
{
    Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct);

    /// <summary>Asks the provider to stop; false where the provider has no cancel.</summary>
    Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct);
}

/// <summary>A provider adapter: one per upstream, implementing the capabilities that upstream serves.</summary>
public interface IProviderAdapter
{
    ProviderName Provider { get; }
}
