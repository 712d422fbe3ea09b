namespace Elumenta.Core.Catalog;

public enum ModelCategory { Text, Image, Video, Music, Tts, Stt, AudioTool, ImageTool }

public enum ProviderName { OpenAI, Anthropic, Google, DeepSeek, XAI, Replicate, Luma, MidJourney, ElevenLabs }

public enum ModelTier { Starter, Basic }

/// <summary>A catalog entry after validation: everything the bot, the API and the adapters read about a model.</summary>
public sealed record Model(
    string Slug,
    string Name,
    ModelCategory Category,
    ProviderName Provider,
    string UpstreamId,
    string? UpstreamVersion,
    ModelTier Tier,
    int MinPrice,
    int MaxPrice,
    PriceRuleOptions Price,
    IReadOnlySet<string> Capabilities,
    IReadOnlySet<string> Options,
    int? MaxPromptChars,
    int? ContextChars)
{
    public bool Has(string capability) => Capabilities.Contains(capability);

    public bool IsAsync => Has(ModelCapabilities.Async);
}

public static class ModelCapabilities
{
    public const string Vision = "vision";
    public const string Streaming = "streaming";
    public const string Async = "async";
    public const string ImageInput = "image_input";
    public const string StartFrame = "start_frame";
    public const string RequiresStartFrame = "requires_start_frame";
    public const string AudioInput = "audio_input";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Vision, Streaming, Async, ImageInput, StartFrame, RequiresStartFrame, AudioInput,
    };
}

public sealed record Plan(
    string Code,
    string Name,
    int TokensPerCycle,
    int Stars,
    int Rubles,
    int? HourlyLimit,
    int? DailyLimit,
    bool AllModels,
    bool ApiAccess,
    int MaxConcurrentJobs,
    int CycleDays)
{
    public const string Free = "free";

    public bool IsPaid => Code != Free;

    public bool CanUse(Model model) => AllModels || model.Tier == ModelTier.Starter;
}

public sealed record TokenPackage(string Code, string Name, int Tokens, int Stars, int Rubles);
