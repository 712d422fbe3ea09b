using System.Text.RegularExpressions;

namespace Elumenta.Core.Catalog;

/// <summary>Per-model checks of <see cref="CatalogValidator"/>: routing fields, capabilities and the price rule.</summary>
internal static partial class ModelValidator
{
    public static void Validate(List<ModelOptions> models, List<string> errors)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(models[i].Slug))
            {
                errors.Add($"Model #{i + 1} (name '{models[i].Name}') has an empty Slug.");
            }
        }

        foreach (var group in models.Where(m => !string.IsNullOrWhiteSpace(m.Slug))
                     .GroupBy(m => m.Slug.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            var spellings = string.Join(", ", group.Select(m => $"'{m.Slug}'"));
            errors.Add($"Model slug '{group.Key}' is used by {group.Count()} models ({spellings}); slugs are case-insensitive and must be unique.");
        }

        foreach (var model in models)
        {
            ValidateModel(model, errors);
        }
    }

    private static void ValidateModel(ModelOptions model, List<string> errors)
    {
        var prefix = $"Model '{model.Slug}':";
        if (CatalogValidator.ParseCategory(model.Category) is null)
        {
            errors.Add($"{prefix} unknown category '{model.Category}' (known: {string.Join(", ", CatalogValidator.KnownCategories)}).");
        }

        var provider = CatalogValidator.ParseProvider(model.Provider);
        if (provider is null)
        {
            errors.Add($"{prefix} unknown provider '{model.Provider}' (known: {string.Join(", ", Enum.GetNames<ProviderName>())}).");
        }

        if (string.IsNullOrWhiteSpace(model.UpstreamId))
        {
            errors.Add($"{prefix} UpstreamId is empty.");
        }

        if (model.UpstreamVersion is not null && (provider != ProviderName.Replicate || !VersionHash().IsMatch(model.UpstreamVersion)))
        {
            errors.Add($"{prefix} UpstreamVersion '{model.UpstreamVersion}' must be a 64-character hex Replicate version, on a Replicate model.");
        }

        if (!model.Tier.Equals("starter", StringComparison.OrdinalIgnoreCase) && !model.Tier.Equals("basic", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{prefix} tier must be 'starter' or 'basic', not '{model.Tier}'.");
        }

        foreach (var capability in model.Capabilities.Where(c => !ModelCapabilities.All.Contains(c)))
        {
            errors.Add($"{prefix} unknown capability '{capability}' (known: {string.Join(", ", ModelCapabilities.All)}).");
        }

        if (model.Capabilities.Contains(ModelCapabilities.RequiresStartFrame) && !model.Capabilities.Contains(ModelCapabilities.StartFrame))
        {
            errors.Add($"{prefix} '{ModelCapabilities.RequiresStartFrame}' needs '{ModelCapabilities.StartFrame}' as well.");
        }

        if (model.MaxPromptChars is <= 0 || model.ContextChars is <= 0)
        {
            errors.Add($"{prefix} MaxPromptChars and ContextChars must be positive when set.");
        }

        if (CatalogValidator.ParseCategory(model.Category) == ModelCategory.Text && model.ContextChars is null)
        {
            errors.Add($"{prefix} a text model needs ContextChars (its conversation budget).");
        }

        if (PriceRuleValidator.Validate(model.Price, prefix, errors))
        {
            var (min, max) = Pricing.Range(model.Price);
            if (min != model.MinPrice || max != model.MaxPrice)
            {
                errors.Add($"{prefix} price rule gives {min}–{max} but the published range is {model.MinPrice}–{model.MaxPrice}.");
            }
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex VersionHash();
}
