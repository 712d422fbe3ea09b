using Elumenta.Core.Catalog;

namespace ElumentaBot.Profile;

/// <summary>One adjustable default in /settings: which category's selected model it applies to and which request options it sets.</summary>
public sealed record MediaSetting(string Code, ModelCategory Category, IReadOnlyList<string> OptionNames, Func<UserSettings, string?> Get, Func<UserSettings, string, UserSettings> Set);

/// <summary>A value a setting can take for a model, with its button label.</summary>
public sealed record SettingValue(string Value, string Label);

/// <summary>
/// The media defaults and where their choices come from: a price dimension of the selected model when it has one
/// (so the price of each choice can be shown), otherwise the provider's known values for an option the model takes.
/// </summary>
public static class MediaSettings
{
    public static readonly IReadOnlyList<MediaSetting> All =
    [
        new("is", ModelCategory.Image, ["size", "resolution"], s => s.ImageSize, (s, v) => s with { ImageSize = v }),
        new("iq", ModelCategory.Image, ["quality", "speed"], s => s.ImageQuality, (s, v) => s with { ImageQuality = v }),
        new("if", ModelCategory.Image, ["format"], s => s.ImageFormat, (s, v) => s with { ImageFormat = v }),
        new("vd", ModelCategory.Video, ["duration"], s => s.VideoDuration, (s, v) => s with { VideoDuration = v }),
        new("vr", ModelCategory.Video, ["resolution", "mode"], s => s.VideoResolution, (s, v) => s with { VideoResolution = v }),
        new("va", ModelCategory.Video, ["aspect_ratio"], s => s.VideoAspectRatio, (s, v) => s with { VideoAspectRatio = v }),
        new("tv", ModelCategory.Tts, ["voice"], s => s.TtsVoice, (s, v) => s with { TtsVoice = v }),
    ];

    public static MediaSetting? Find(string? code) => All.FirstOrDefault(s => s.Code == code);

    /// <summary>The request option this setting sets on <paramref name="model"/>, or null when the model offers no choice for it.</summary>
    public static string? OptionFor(MediaSetting setting, Model model)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(model);
        return model.Category != setting.Category ? null : setting.OptionNames.FirstOrDefault(o => Choices(model, o).Count > 1);
    }

    /// <summary>The choices for <paramref name="setting"/> on <paramref name="model"/>; empty when it does not apply.</summary>
    public static IReadOnlyList<SettingValue> Values(MediaSetting setting, Model model) =>
        OptionFor(setting, model) is { } option ? Choices(model, option) : [];

    private static IReadOnlyList<SettingValue> Choices(Model model, string option) =>
        Dimension(model, option) is { } dimension
            ? dimension.Values.Where(v => !KnownValues.IsRefused(model, option, v)).Select(v => new SettingValue(v, v)).ToList()
            : model.Options.Contains(option) ? KnownValues.For(model, option) : [];

    /// <summary>The value in effect: the stored one if the model accepts it, else the model's default (null: the provider's).</summary>
    public static string? Current(MediaSetting setting, Model model, UserSettings settings)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(settings);
        var values = Values(setting, model);
        var stored = setting.Get(settings);
        return values.FirstOrDefault(v => OptionChoices.SameValue(v.Value, stored))?.Value
            ?? (OptionFor(setting, model) is { } option ? Dimension(model, option)?.Default : null);
    }

    /// <summary>
    /// The request options a generation with <paramref name="model"/> should carry from the user's settings: only
    /// values the model accepts, so a setting made for another model never makes a request invalid.
    /// </summary>
    public static Dictionary<string, string> RequestOptions(UserSettings settings, Model model)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in All.Where(s => s.Category == model.Category))
        {
            if (OptionFor(setting, model) is { } option && Current(setting, model, settings) is { } value)
            {
                options[option] = value;
            }
        }

        return options;
    }

    private static PriceDimensionOptions? Dimension(Model model, string option) =>
        model.Price.Kind == "matrix" ? model.Price.Dimensions.FirstOrDefault(d => d.Option == option) : null;
}
