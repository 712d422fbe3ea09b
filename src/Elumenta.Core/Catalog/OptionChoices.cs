namespace Elumenta.Core.Catalog;

/// <summary>A value an option can take for a model, with a label for people (a voice's name for its id).</summary>
public sealed record OptionChoice(string Value, string Label);

/// <summary>
/// The choices a model offers for a request option, shared by the bot's /settings and the API's model catalog: a
/// price dimension's values when the option is priced, otherwise what the provider's API accepts for an option that
/// does not change the price (output format, aspect ratio, voice), which the catalog does not list.
/// </summary>
public static class OptionChoices
{
    private static readonly OptionChoice[] OpenAIVoices =
        [.. new[] { "alloy", "ash", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer" }.Select(v => new OptionChoice(v, v))];

    private static readonly OptionChoice[] MiniMaxVoices =
        [.. new[] { "Wise_Woman", "Friendly_Person", "Calm_Woman", "Deep_Voice_Man", "Casual_Guy", "Lively_Girl", "Patient_Man", "Elegant_Man" }
            .Select(v => new OptionChoice(v, v.Replace('_', ' ')))];

    // ElevenLabs takes voice ids; the names are the public premade voices.
    private static readonly OptionChoice[] ElevenLabsVoices =
    [
        new("21m00Tcm4TlvDq8ikWAM", "Rachel"),
        new("pNInz6obpgDQGcFmaJgB", "Adam"),
        new("EXAVITQu4vr4xnSDxMaL", "Bella"),
        new("ErXwobaYiN019PkySvjV", "Antoni"),
        new("TxGEqnHWrfWFTfGW9XjX", "Josh"),
        new("AZnzlk1XvdvUeBnXmlld", "Domi"),
    ];

    /// <summary>What the model offers for <paramref name="option"/>; empty when it takes no such option or no fixed list.</summary>
    public static IReadOnlyList<OptionChoice> For(Model model, string option)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Dimension(model, option) is { } dimension
            ? dimension.Values.Where(v => !IsRefused(model, option, v)).Select(v => new OptionChoice(v, v)).ToList()
            : model.Options.Contains(option) ? Known(model, option) : [];
    }

    /// <summary>The matrix price dimension reading <paramref name="option"/>, if the model has one.</summary>
    public static PriceDimensionOptions? Dimension(Model model, string option)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Price.Kind == "matrix" ? model.Price.Dimensions.FirstOrDefault(d => d.Option == option) : null;
    }

    /// <summary>Values for options that do not change the price: what each provider's API accepts.</summary>
    public static IReadOnlyList<OptionChoice> Known(Model model, string option)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (option, model.Provider) switch
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
    }

    /// <summary>A priced value the provider refuses: offering it would only lead to a failed request.</summary>
    public static bool IsRefused(Model model, string option, string value)
    {
        ArgumentNullException.ThrowIfNull(model);
        // Luma's image API has one resolution; the adapter refuses 1080p rather than charge double for it.
        return model.Provider == ProviderName.Luma && model.Category == ModelCategory.Image && option == "resolution" && value == "1080p";
    }

    /// <summary>
    /// Whether a stored preference names this choice. Providers spell one format two ways (OpenAI <c>jpeg</c>,
    /// Replicate and Luma <c>jpg</c>): a JPEG chosen for one model stays JPEG for another.
    /// </summary>
    public static bool SameValue(string choice, string? stored) =>
        stored is not null && (string.Equals(choice, stored, StringComparison.OrdinalIgnoreCase) || (IsJpeg(choice) && IsJpeg(stored)));

    private static bool IsJpeg(string value) =>
        value.Equals("jpg", StringComparison.OrdinalIgnoreCase) || value.Equals("jpeg", StringComparison.OrdinalIgnoreCase);

    private static OptionChoice[] Plain(params string[] values) => [.. values.Select(v => new OptionChoice(v, v))];
}
