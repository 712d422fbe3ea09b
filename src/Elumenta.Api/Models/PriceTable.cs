using Elumenta.Core.Catalog;

namespace Elumenta.Api.Models;

/// <summary>
/// <c>pricing_type</c> of api.md §2 from the catalog's price rule, so that it says what product.md §6 says of each
/// model: MidJourney images cost by speed tier ("per point"), video by length ("per second"), el-dubbing by started
/// minute of audio (a duration too, so "per second"); every other option table is a "matrix".
/// </summary>
public static class PricingTypes
{
    public const string Fixed = "fixed";
    public const string Matrix = "matrix";
    public const string PerSecond = "per_second";
    public const string PerPoint = "per_point";

    public static string Of(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rule = model.Price;
        return rule.Kind switch
        {
            "fixed" => Fixed,
            "per_unit" => PerSecond,
            _ when rule.Dimensions.Any(d => d.Option == "speed") => PerPoint,
            // MidJourney video is priced by resolution, doubled for the 10 s extension: product.md calls it a matrix.
            _ when rule.Dimensions.Any(d => d.Option == "duration") && model.Provider != ProviderName.MidJourney => PerSecond,
            _ => Matrix,
        };
    }
}

/// <summary>Every priced combination of a model's options, in the catalog's order, without values the provider refuses.</summary>
public static class PriceTable
{
    public static IReadOnlyList<PricePoint> For(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rule = model.Price;
        switch (rule.Kind)
        {
            case "matrix":
                IEnumerable<Dictionary<string, string>> combinations = [new(StringComparer.Ordinal)];
                foreach (var dimension in rule.Dimensions)
                {
                    var values = OptionChoices.For(model, dimension.Option).Select(c => c.Value).ToList();
                    combinations = combinations.SelectMany(c => values.Select(v => new Dictionary<string, string>(c, StringComparer.Ordinal) { [dimension.Option] = v }));
                }

                return [.. combinations
                    .Select(c => (Options: c, Quote: Pricing.Quote(model, c)))
                    .Where(p => p.Quote is PriceQuote.Priced)
                    .Select(p => new PricePoint(p.Options, ((PriceQuote.Priced)p.Quote).Price))];

            case "per_unit":
                return [.. Enumerable.Range(1, rule.MaxUnits).Select(n => new PricePoint(
                    new Dictionary<string, string> { [rule.Unit!] = n.ToString(System.Globalization.CultureInfo.InvariantCulture) }, n * rule.UnitPrice))];

            default:
                return [new PricePoint(new Dictionary<string, string>(), ModelViews.DefaultPrice(model))];
        }
    }
}
