namespace Elumenta.Core.Catalog;

/// <summary>The <c>Catalog</c> section of <c>config/catalog.json</c>: plans, token packages and the 52 models.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    public List<PlanOptions> Plans { get; set; } = [];
    public List<PackageOptions> Packages { get; set; } = [];
    public List<ModelOptions> Models { get; set; } = [];
}

public sealed class PlanOptions
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int TokensPerCycle { get; set; }
    public int Stars { get; set; }
    public int Rubles { get; set; }

    /// <summary>Requests per rolling hour; null = unlimited.</summary>
    public int? HourlyLimit { get; set; }

    /// <summary>Requests per rolling 24 hours; null = unlimited.</summary>
    public int? DailyLimit { get; set; }

    /// <summary><c>starter</c> (Starter-tier models only) or <c>all</c>.</summary>
    public string Models { get; set; } = "starter";
    public bool ApiAccess { get; set; }
    public int MaxConcurrentJobs { get; set; } = 1;
    public int CycleDays { get; set; } = 30;
}

public sealed class PackageOptions
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int Tokens { get; set; }
    public int Stars { get; set; }
    public int Rubles { get; set; }
}

public sealed class ModelOptions
{
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>text, image, video, music, tts, stt, audio_tool, image_tool.</summary>
    public string Category { get; set; } = "";

    /// <summary>OpenAI, Anthropic, Google, DeepSeek, XAI, Replicate, Luma, MidJourney, ElevenLabs.</summary>
    public string Provider { get; set; } = "";
    public string UpstreamId { get; set; } = "";

    /// <summary>Pinned Replicate version for community models.</summary>
    public string? UpstreamVersion { get; set; }

    /// <summary>starter or basic.</summary>
    public string Tier { get; set; } = "basic";

    /// <summary>The published price range; the rule must produce exactly these as its min and max.</summary>
    public int MinPrice { get; set; }
    public int MaxPrice { get; set; }

    public PriceRuleOptions Price { get; set; } = new();

    /// <summary>vision, streaming, async, image_input, start_frame, requires_start_frame, audio_input.</summary>
    public List<string> Capabilities { get; set; } = [];

    /// <summary>Request options accepted that do not change the price (aspect_ratio, voice, format, target_lang …).</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Longest prompt accepted, in characters.</summary>
    public int? MaxPromptChars { get; set; }

    /// <summary>Conversation budget for text models, in characters of history sent upstream.</summary>
    public int? ContextChars { get; set; }
}

/// <summary>
/// <c>fixed</c>: <see cref="Amount"/>. <c>matrix</c>: one price per combination of <see cref="Dimensions"/>,
/// keyed by the values joined with <c>|</c> in dimension order. <c>per_unit</c>: <see cref="UnitPrice"/> per
/// started unit of option <see cref="Unit"/>, at most <see cref="MaxUnits"/>.
/// </summary>
public sealed class PriceRuleOptions
{
    public string Kind { get; set; } = "fixed";

    /// <summary>Nullable so that a forgotten Amount is an error, not a free model: 0 is a real price.</summary>
    public int? Amount { get; set; }
    public List<PriceDimensionOptions> Dimensions { get; set; } = [];
    public Dictionary<string, int> Prices { get; set; } = [];
    public string? Unit { get; set; }
    public int UnitPrice { get; set; }
    public int MaxUnits { get; set; }
}

public sealed class PriceDimensionOptions
{
    /// <summary>The request option this dimension reads: size, quality, duration, resolution, speed, action …</summary>
    public string Option { get; set; } = "";
    public List<string> Values { get; set; } = [];
    public string Default { get; set; } = "";
}
