using Microsoft.Extensions.Options;

namespace Elumenta.Core.Catalog;

/// <summary>Refuses a catalog that would mis-price or mis-route: checked at start, before the host accepts updates.</summary>
public sealed class CatalogValidator : IValidateOptions<CatalogOptions>
{
    public const int ExpectedStarterModels = 19;

    public static readonly IReadOnlyList<string> RequiredPlans = [Plan.Free, "basic", "pro", "vip", "elite"];

    public static readonly IReadOnlyList<string> KnownCategories =
        ["text", "image", "video", "music", "tts", "stt", "audio_tool", "image_tool"];

    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var errors = Validate(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static List<string> Validate(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidatePlans(options.Plans, errors);
        ValidatePackages(options.Packages, errors);
        ModelValidator.Validate(options.Models, errors);

        var starter = options.Models.Count(m => m.Tier.Equals("starter", StringComparison.OrdinalIgnoreCase));
        if (starter != ExpectedStarterModels)
        {
            errors.Add($"The Starter tier must have exactly {ExpectedStarterModels} models, but {starter} are marked 'starter'.");
        }

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

    private static void ValidatePlans(List<PlanOptions> plans, List<string> errors)
    {
        foreach (var code in RequiredPlans)
        {
            var count = plans.Count(p => p.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
            if (count != 1)
            {
                errors.Add(count == 0 ? $"Plan '{code}' is missing." : $"Plan '{code}' is configured {count} times.");
            }
        }

        foreach (var group in plans.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            if (!RequiredPlans.Contains(group.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Plan '{group.Key}' is configured {group.Count()} times.");
            }
        }

        foreach (var plan in plans)
        {
            var prefix = $"Plan '{plan.Code}':";
            if (string.IsNullOrWhiteSpace(plan.Code))
            {
                errors.Add("A plan has an empty Code.");
            }

            if (!plan.Models.Equals("starter", StringComparison.OrdinalIgnoreCase) && !plan.Models.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"{prefix} Models must be 'starter' or 'all', not '{plan.Models}'.");
            }

            if (plan.TokensPerCycle < 0 || plan.Stars < 0 || plan.Rubles < 0)
            {
                errors.Add($"{prefix} TokensPerCycle, Stars and Rubles cannot be negative.");
            }

            if (!plan.Code.Equals(Plan.Free, StringComparison.OrdinalIgnoreCase) && plan.Stars <= 0)
            {
                errors.Add($"{prefix} a paid plan needs a positive Stars price.");
            }

            if (plan.HourlyLimit is <= 0 || plan.DailyLimit is <= 0)
            {
                errors.Add($"{prefix} HourlyLimit and DailyLimit must be positive, or null for unlimited.");
            }

            if (plan.MaxConcurrentJobs < 1 || plan.CycleDays < 1)
            {
                errors.Add($"{prefix} MaxConcurrentJobs and CycleDays must be at least 1.");
            }
        }
    }

    private static void ValidatePackages(List<PackageOptions> packages, List<string> errors)
    {
        if (packages.Count == 0)
        {
            errors.Add("No token packages are configured.");
        }

        foreach (var group in packages.GroupBy(p => p.Code, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Package '{group.Key}' is configured {group.Count()} times.");
        }

        foreach (var package in packages)
        {
            if (string.IsNullOrWhiteSpace(package.Code))
            {
                errors.Add("A token package has an empty Code.");
            }

            if (package.Tokens <= 0 || package.Stars <= 0)
            {
                errors.Add($"Package '{package.Code}': Tokens and Stars must be positive (got {package.Tokens} tokens for {package.Stars} Stars).");
            }
        }
    }
}
