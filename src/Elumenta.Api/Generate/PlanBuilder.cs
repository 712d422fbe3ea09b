using System.Globalization;
using Elumenta.Core.Catalog;

namespace Elumenta.Api.Generate;

/// <summary>
/// api.md §3 to a <see cref="GenerationPlan"/>: the model, the fields its category reads, and every other field an
/// option priced by the catalog (the bot's prices and option lists). Nothing here touches the store or a provider.
/// </summary>
public sealed class PlanBuilder(ModelCatalog catalog, InputDownloads downloads)
{
    /// <summary>Fields that carry the request itself rather than an option; each category reads some of them.</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.Ordinal)
    {
        "model", "stream", "messages", "prompt", "system", "text", "image_url", "audio_url", "second_image_url", "mask_url",
    };

    /// <summary>API names for catalog options that the bot calls otherwise.</summary>
    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal) { ["voice_id"] = "voice" };

    /// <summary>Null when the request is not valid; the reasons are in <paramref name="fields"/>' error maps.</summary>
    public GenerationPlan? Build(RequestFields fields, string route)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var slug = fields.String("model");
        if (fields.TypeErrors.Count > 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(slug))
        {
            fields.Errors["model"] = "is required";
            return null;
        }

        if (catalog.FindModel(slug) is not { } model)
        {
            fields.Errors["model"] = $"unknown model '{slug}' (GET /api/v2/models lists them)";
            return null;
        }

        var options = Options(fields, model);
        var plan = model.Category switch
        {
            ModelCategory.Text => ChatPlans.Build(fields, model, options),
            ModelCategory.Stt => Refuse(fields, "model", "speech-to-text models take an upload: POST /api/v2/stt"),
            _ => MediaPlans.Build(fields, model, options, downloads),
        };
        if (fields.Bool("stream") && model.Category != ModelCategory.Text)
        {
            fields.Errors["stream"] = "only text models stream";
        }

        return plan is null || fields.Errors.Count > 0 || fields.TypeErrors.Count > 0 ? null : plan with { Hash = fields.Hash(route) };
    }

    /// <summary>
    /// Every non-structural field, checked one by one against the model's price rule and option list (so that each
    /// refused field gets its own message), then all together (a combination the price matrix lacks).
    /// </summary>
    private static Dictionary<string, string> Options(RequestFields fields, Model model)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields.All.Keys.Where(k => !Structural.Contains(k)))
        {
            if (fields.Has(field) && fields.OptionValue(field) is { } value)
            {
                var name = Renames.GetValueOrDefault(field, field);
                options[name] = value;
                names[name] = field;
            }
        }

        foreach (var (name, value) in options)
        {
            if (Pricing.Quote(model, new Dictionary<string, string> { [name] = value }) is PriceQuote.Invalid invalid)
            {
                fields.Errors[names[name]] = Refusal(model, invalid);
            }
        }

        if (fields.Errors.Count == 0 && Pricing.Quote(model, options) is PriceQuote.Invalid combined)
        {
            fields.Errors[names.GetValueOrDefault(combined.Option, combined.Option)] = Refusal(model, combined);
        }

        if (model.Category == ModelCategory.Text)
        {
            Range(fields, options, "temperature", 0, 2, integer: false);
            Range(fields, options, "max_tokens", 1, 128_000, integer: true);
        }

        if (model.Category == ModelCategory.Tts)
        {
            Range(fields, options, "speed", 0.25m, 4, integer: false);
        }

        return options;
    }

    private static string Refusal(Model model, PriceQuote.Invalid invalid) =>
        invalid.Allowed.Count == 0
            ? $"{model.Slug} does not take {invalid.Option}"
            : $"{model.Slug} takes {invalid.Option} = {string.Join(", ", invalid.Allowed)}";

    private static void Range(RequestFields fields, Dictionary<string, string> options, string name, decimal min, decimal max, bool integer)
    {
        if (options.TryGetValue(name, out var raw) && !fields.Errors.ContainsKey(name)
            && (!decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min || value > max || (integer && value != decimal.Truncate(value))))
        {
            fields.Errors[name] = integer ? $"must be an integer from {min} to {max}" : $"must be a number from {min} to {max}";
        }
    }

    internal static GenerationPlan? Refuse(RequestFields fields, string field, string problem)
    {
        fields.Errors[field] = problem;
        return null;
    }

    /// <summary>Structural fields the category does not read are refused, not ignored.</summary>
    internal static void OnlyThese(RequestFields fields, Model model, params string[] accepted)
    {
        foreach (var field in fields.All.Keys.Where(k => Structural.Contains(k) && k is not "model" and not "stream" && !accepted.Contains(k) && fields.Has(k)))
        {
            fields.Errors[field] = $"{model.Slug} does not take {field}";
        }
    }
}
