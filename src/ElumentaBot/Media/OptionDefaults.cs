using Elumenta.Core.Catalog;
using ElumentaBot.Profile;

namespace ElumentaBot.Media;

/// <summary>
/// The account's saved defaults turned into options for one model: only options the model takes, only values it
/// accepts (a 1792x1024 size saved for dall-e-3 is simply not sent to photon-flash).
/// </summary>
public static class OptionDefaults
{
    public static Dictionary<string, string> For(Model model, UserSettings settings, MediaKind kind)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (kind)
        {
            case MediaKind.Image:
            case MediaKind.Speech:
                // One mapping from /settings to request options (size or resolution, quality or Midjourney speed …).
                return MediaSettings.RequestOptions(settings, model);
            case MediaKind.Video:
                PriceDimension(model, options, "duration", settings.VideoDuration);

                PriceDimension(model, options, "resolution", settings.VideoResolution);
                PriceDimension(model, options, "mode", settings.VideoResolution switch { "1080p" => "pro", null => null, _ => "standard" });
                Free(model, options, "aspect_ratio", settings.VideoAspectRatio);
                break;
        }

        return options;
    }

    /// <summary>Values a price dimension takes, or empty when the model has no such dimension.</summary>
    public static IReadOnlyList<string> Values(Model model, string option)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Price.Dimensions.FirstOrDefault(d => d.Option == option)?.Values ?? [];
    }

    private static void PriceDimension(Model model, Dictionary<string, string> options, string name, string? value)
    {
        if (value is not null && Values(model, name).FirstOrDefault(v => v.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            options[name] = match;
        }
    }

    private static void Free(Model model, Dictionary<string, string> options, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && model.Options.Contains(name))
        {
            options[name] = value;
        }
    }
}
