using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Configuration;

/// <summary><c>Providers:&lt;Name&gt;</c>: where an upstream lives, its key, and how patiently we talk to it.</summary>
public sealed class ProviderOptions
{
    public string BaseUrl { get; set; } = "";

    /// <summary>From the environment only. Empty = the provider's models are listed as unavailable.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Serve this provider's models from the built-in simulator (sandbox mode, tests).</summary>
    public bool Simulated { get; set; }

    /// <summary>Whole call for sync requests (chat without stream, images, audio).</summary>
    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Until the response headers of a streamed call; the body is guarded by the idle timeout.</summary>
    public TimeSpan StreamTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the job poller looks at one of this provider's jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of idempotent calls (polls, downloads) only.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Provider-specific knobs: ElevenLabs <c>DefaultVoiceId</c>, OpenAI <c>DefaultVoice</c>, Anthropic <c>MaxTokens</c> ….</summary>
    public Dictionary<string, string> Settings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    public string Setting(string name, string fallback) =>
        Settings.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : fallback;

    public static string DefaultBaseUrl(ProviderName provider) => provider switch
    {
        ProviderName.OpenAI => "https://api.openai.com/v1",
        ProviderName.Anthropic => "https://api.anthropic.com",
        ProviderName.Google => "https://generativelanguage.googleapis.com/v1beta",
        ProviderName.DeepSeek => "https://api.deepseek.com",
        ProviderName.XAI => "https://api.x.ai/v1",
        ProviderName.Replicate => "https://api.replicate.com/v1",
        ProviderName.Luma => "https://api.lumalabs.ai/dream-machine/v1",
        ProviderName.MidJourney => "https://api.legnext.ai/api",
        ProviderName.ElevenLabs => "https://api.elevenlabs.io",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static TimeSpan DefaultPollInterval(ProviderName provider) => provider switch
    {
        ProviderName.OpenAI or ProviderName.ElevenLabs => TimeSpan.FromSeconds(5),
        ProviderName.Replicate => TimeSpan.FromSeconds(2),
        _ => TimeSpan.FromSeconds(3),
    };

    /// <summary>The base URL with a trailing slash, so relative paths keep its <c>/v1</c>.</summary>
    public Uri BaseUri => new(BaseUrl.EndsWith('/') ? BaseUrl : BaseUrl + "/");
}

/// <summary><c>Providers:Mode</c> = <c>Simulated</c> serves every provider from the simulator.</summary>
public sealed class ProvidersOptions
{
    public const string Section = "Providers";

    public string Mode { get; set; } = "Live";

    /// <summary>A streamed answer that sends nothing for this long fails (product: 120 s without progress).</summary>
    public TimeSpan TextIdleTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public bool AllSimulated => Mode.Equals("Simulated", StringComparison.OrdinalIgnoreCase);
}
