using System.Text.Json.Serialization;
using Elumenta.Core.Catalog;
using Elumenta.Providers;

namespace Elumenta.Api.Models;

/// <summary>One model in <c>GET /api/v2/models</c>.</summary>
/// <param name="MinPlan">The cheapest plan that can use the model (<c>free</c> for the Starter tier).</param>
/// <param name="TokenCost">The price with every option at its default.</param>
/// <param name="Available">Whether its provider can take requests now (keyed and not cut off by its circuit breaker).</param>
public sealed record ModelSummary(
    string Slug, string Name, ModelCategory Category, string Provider, string MinPlan,
    int TokenCost, int MinTokenCost, int MaxTokenCost, bool SupportsStreaming, bool Available);

/// <summary><c>GET /api/v2/models/{slug}</c>: the summary plus what a request may set and what each choice costs.</summary>
/// <param name="Options">Option name (as sent to <c>/generate</c>) → its choices.</param>
/// <param name="Prices">Every priced combination of options and its cost (one entry with no options for a fixed price).</param>
public sealed record ModelDetail(
    string Slug, string Name, ModelCategory Category, string Provider, string MinPlan,
    int TokenCost, int MinTokenCost, int MaxTokenCost, bool SupportsStreaming, bool Available,
    string PricingType, bool IsAsync, IReadOnlyList<string> Capabilities, int? MaxPromptChars,
    IReadOnlyDictionary<string, ModelOption> Options, IReadOnlyList<PricePoint> Prices);

/// <param name="Values">The accepted values; empty when the option is free-form (a number, a language code …).</param>
/// <param name="Default">The value used when the request leaves it out; null: the provider's own default.</param>
/// <param name="AffectsPrice">Whether the choice changes the price.</param>
/// <param name="Labels">Display names where they differ from the values (voice ids).</param>
/// <param name="Max">The largest amount accepted, for a per-unit option (minutes of audio).</param>
public sealed record ModelOption(
    IReadOnlyList<string> Values,
    string? Default,
    bool AffectsPrice,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Labels = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Max = null);

public sealed record PricePoint(IReadOnlyDictionary<string, string> Options, int TokenCost);

/// <summary>Builds the catalog views from the one catalog the bot prices with.</summary>
public sealed class ModelViews(ModelCatalog catalog, ModelRouter router)
{
    public ModelSummary Summary(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (min, max) = Pricing.Range(model.Price);
        return new ModelSummary(model.Slug, model.Name, model.Category, ProviderCode(model.Provider), MinPlan(model),
            DefaultPrice(model), min, max, model.Has(ModelCapabilities.Streaming), router.IsAvailable(model));
    }

    public ModelDetail Detail(Model model)
    {
        var s = Summary(model);
        return new ModelDetail(s.Slug, s.Name, s.Category, s.Provider, s.MinPlan, s.TokenCost, s.MinTokenCost, s.MaxTokenCost,
            s.SupportsStreaming, s.Available, PricingTypes.Of(model), model.IsAsync, [.. model.Capabilities.Order(StringComparer.Ordinal)],
            model.MaxPromptChars, Options(model), PriceTable.For(model));
    }

    public static int DefaultPrice(Model model) =>
        Pricing.Quote(model, null) is PriceQuote.Priced priced ? priced.Price : Pricing.Range(model.Price).Min;

    /// <summary>Lower-case, as clients write provider names (<c>openai</c>, <c>elevenlabs</c>).</summary>
    public static string ProviderCode(ProviderName provider) => provider.ToString().ToLowerInvariant();

    private string MinPlan(Model model) =>
        catalog.Plans.Where(p => p.CanUse(model)).OrderBy(p => p.Stars).ThenBy(p => p.Rubles).Select(p => p.Code).FirstOrDefault() ?? Plan.Free;

    private static Dictionary<string, ModelOption> Options(Model model)
    {
        var options = new Dictionary<string, ModelOption>(StringComparer.Ordinal);
        foreach (var dimension in model.Price.Dimensions)
        {
            options[dimension.Option] = Option(OptionChoices.For(model, dimension.Option), dimension.Default, affectsPrice: true);
        }

        if (model.Price.Unit is { } unit)
        {
            options[unit] = new ModelOption([], null, AffectsPrice: true, Max: model.Price.MaxUnits);
        }

        foreach (var name in model.Options.Order(StringComparer.Ordinal))
        {
            options.TryAdd(name, Option(OptionChoices.For(model, name), null, affectsPrice: false));
        }

        return options;
    }

    private static ModelOption Option(IReadOnlyList<OptionChoice> choices, string? defaultValue, bool affectsPrice) =>
        new([.. choices.Select(c => c.Value)], defaultValue, affectsPrice,
            choices.Any(c => c.Label != c.Value) ? choices.ToDictionary(c => c.Value, c => c.Label, StringComparer.Ordinal) : null);
}
