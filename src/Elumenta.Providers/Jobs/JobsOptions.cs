using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Jobs;

/// <summary><c>Providers:Jobs</c>: the poller's tick and the product timeouts per category.</summary>
public sealed class JobsOptions
{
    public const string Section = "Providers:Jobs";

    /// <summary>How often the poller wakes to look for due jobs (each job has its provider's interval).</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whose jobs this process polls and settles (<c>bot</c>, or <c>api</c> in the API process): never another's.</summary>
    public string Source { get; set; } = "bot";

    public TimeSpan ImageTimeout { get; set; } = TimeSpan.FromMinutes(5);
    public TimeSpan MusicTimeout { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan VideoTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Speech, transcription and audio tools; dubbing a long file takes video-like time.</summary>
    public TimeSpan AudioTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Backoff ceiling after failed polls.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    public int MaxParallelPolls { get; set; } = 8;

    /// <summary>Where results that come as bytes (sora video, dubbing) are kept until delivered.</summary>
    public string ResultsPath { get; set; } = "data/results";

    public TimeSpan TimeoutFor(ModelCategory category) => category switch
    {
        ModelCategory.Image or ModelCategory.ImageTool => ImageTimeout,
        ModelCategory.Music => MusicTimeout,
        ModelCategory.Video => VideoTimeout,
        _ => AudioTimeout,
    };
}
