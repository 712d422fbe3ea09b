using Microsoft.Extensions.Options;

namespace Elumenta.Core.Catalog;

/// <summary>Refuses a catalog that would mis-price or mis-route: checked at start, before the host accepts updates.</summary>
public sealed class CatalogValidator : IValidateOptions<CatalogOptions>
{
    public const int ExpectedStarterModels = 19;

    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Validate(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        // Filled in by the catalog work: plans, packages, model fields, price ranges, tier count, duplicates.
        return errors;
    }

    public static ModelCategory? ParseCategory(string value) => value.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "text" => ModelCategory.Text,
        "image" => ModelCategory.Image,
        "video" => ModelCategory.Video,
        "music" => ModelCategory.Music,
        "tts" => ModelCategory.Tts,
        "stt" => ModelCategory.Stt,
        "audiotool" => ModelCategory.AudioTool,
        "imagetool" => ModelCategory.ImageTool,
        _ => null,
    };

    public static ProviderName? ParseProvider(string value) =>
        Enum.TryParse<ProviderName>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(value, out _)
            ? provider
            : null;
}
