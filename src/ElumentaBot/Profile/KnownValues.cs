using Elumenta.Core.Catalog;

namespace ElumentaBot.Profile;

/// <summary>
/// Values for options that do not change the price, and so are not listed in the catalog: what each provider's
/// API accepts for output format, aspect ratio and voice.
/// </summary>
internal static class KnownValues
{
    private static readonly SettingValue[] OpenAIVoices =
        [.. new[] { "alloy", "ash", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer" }.Select(v => new SettingValue(v, v))];

    private static readonly SettingValue[] MiniMaxVoices =
        [.. new[] { "Wise_Woman", "Friendly_Person", "Calm_Woman", "Deep_Voice_Man", "Casual_Guy", "Lively_Girl", "Patient_Man", "Elegant_Man" }
            .Select(v => new SettingValue(v, v.Replace('_', ' ')))];

    // ElevenLabs takes voice ids; the names are the public premade voices.
    private static readonly SettingValue[] ElevenLabsVoices =
    [
        new("21m00Tcm4TlvDq8ikWAM", "Rachel"),
        new("pNInz6obpgDQGcFmaJgB", "Adam"),
        new("EXAVITQu4vr4xnSDxMaL", "Bella"),
        new("ErXwobaYiN019PkySvjV", "Antoni"),
        new("TxGEqnHWrfWFTfGW9XjX", "Josh"),
        new("AZnzlk1XvdvUeBnXmlld", "Domi"),
    ];

    public static IReadOnlyList<SettingValue> For(Model model, string option) => (option, model.Provider) switch
    {
        ("format", ProviderName.OpenAI) => Plain("png", "jpeg", "webp"),
        ("format", ProviderName.Replicate) => Plain("webp", "jpg", "png"),
        ("format", ProviderName.Luma) => Plain("jpg", "png"),
        // Sora renders landscape or portrait only.
        ("aspect_ratio", ProviderName.OpenAI) => Plain("16:9", "9:16"),
        ("aspect_ratio", _) when model.Category == ModelCategory.Video => Plain("16:9", "9:16", "1:1"),
        ("voice", ProviderName.OpenAI) => OpenAIVoices,
        ("voice", ProviderName.Replicate) => MiniMaxVoices,
        ("voice", ProviderName.ElevenLabs) => ElevenLabsVoices,
        _ => [],
    };

    /// <summary>A priced value the provider refuses: offering it would only lead to a failed request.</summary>
    public static bool IsRefused(Model model, string option, string value) =>
        // Luma's image API has one resolution; the adapter refuses 1080p rather than charge double for it.
        model.Provider == ProviderName.Luma && model.Category == ModelCategory.Image && option == "resolution" && value == "1080p";

    private static SettingValue[] Plain(params string[] values) => [.. values.Select(v => new SettingValue(v, v))];
}
