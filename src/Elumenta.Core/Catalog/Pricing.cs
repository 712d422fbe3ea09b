namespace Elumenta.Core.Catalog;

/// <summary>The price of one request, or why its options are not acceptable.</summary>
public abstract record PriceQuote
{
    private PriceQuote()
    {
    }

    /// <param name="Options">The request's options with every price dimension filled in (defaults applied).</param>
    public sealed record Priced(int Price, IReadOnlyDictionary<string, string> Options) : PriceQuote;

    /// <param name="Option">The offending option name.</param>
    /// <param name="Value">What was sent, if anything.</param>
    /// <param name="Allowed">What the model takes for that option (empty when the model takes no such option).</param>
    public sealed record Invalid(string Option, string? Value, IReadOnlyList<string> Allowed) : PriceQuote;
}

public static class Pricing
{
    private const System.Globalization.NumberStyles UnitStyle =
        System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingWhite | System.Globalization.NumberStyles.AllowTrailingWhite;

    /// <summary>
    /// Prices a request from its model and options. Option names are snake_case (<c>size</c>, <c>quality</c>,
    /// <c>duration</c>, <c>resolution</c>, <c>speed</c>, <c>action</c>, <c>source_minutes</c> …); an option the
    /// model does not take, or a value outside its list, is <see cref="PriceQuote.Invalid"/>.
    /// </summary>
    public static PriceQuote Quote(Model model, IReadOnlyDictionary<string, string>? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new Dictionary<string, string>();
        var rule = model.Price;
        var priceOptions = PriceOptionNames(rule);
        foreach (var name in options.Keys)
        {
            if (!priceOptions.Contains(name) && !model.Options.Contains(name))
            {
                return new PriceQuote.Invalid(name, options[name], []);
            }
        }

        var normalized = new Dictionary<string, string>(options, StringComparer.Ordinal);
        switch (rule.Kind)
        {
            case "fixed":
                return new PriceQuote.Priced(FixedAmount(model.Slug, rule), normalized);

            case "matrix":
                var key = new List<string>(rule.Dimensions.Count);
                foreach (var dimension in rule.Dimensions)
                {
                    var value = options.TryGetValue(dimension.Option, out var given) && given is not null ? given.Trim() : dimension.Default;
                    var match = dimension.Values.FirstOrDefault(v => v.Equals(value, StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        return new PriceQuote.Invalid(dimension.Option, value, dimension.Values);
                    }

                    normalized[dimension.Option] = match;
                    key.Add(match);
                }

                return rule.Prices.TryGetValue(string.Join('|', key), out var price)
                    ? new PriceQuote.Priced(price, normalized)
                    : new PriceQuote.Invalid(rule.Dimensions[^1].Option, key[^1], rule.Dimensions[^1].Values);

            case "per_unit":
                var unit = rule.Unit!;
                if (!options.TryGetValue(unit, out var raw) || raw is null)
                {
                    raw = "1";
                }

                // Russian users write "2,5"; NumberStyles.Number would read that comma as a thousands separator (25).
                if (!decimal.TryParse(raw.Replace(',', '.'), UnitStyle, System.Globalization.CultureInfo.InvariantCulture, out var amount)
                    || amount <= 0 || amount > rule.MaxUnits)
                {
                    return new PriceQuote.Invalid(unit, raw, [$"0–{rule.MaxUnits}"]);
                }

                var started = (int)Math.Ceiling(amount);
                normalized[unit] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new PriceQuote.Priced(started * rule.UnitPrice, normalized);

            default:
                throw new InvalidOperationException($"Unknown price rule kind '{rule.Kind}' for {model.Slug}.");
        }
    }

    /// <summary>The lowest and highest price the rule can produce.</summary>
    public static (int Min, int Max) Range(PriceRuleOptions rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.Kind switch
        {
            "fixed" => (rule.Amount ?? 0, rule.Amount ?? 0),
            "matrix" when rule.Prices.Count > 0 => (rule.Prices.Values.Min(), rule.Prices.Values.Max()),
            "per_unit" => (rule.UnitPrice, rule.UnitPrice * rule.MaxUnits),
            _ => (0, 0),
        };
    }

    private static int FixedAmount(string slug, PriceRuleOptions rule) =>
        rule.Amount ?? throw new InvalidOperationException($"The fixed price of {slug} has no Amount.");

    internal static HashSet<string> PriceOptionNames(PriceRuleOptions rule)
    {
        var names = new HashSet<string>(rule.Dimensions.Select(d => d.Option), StringComparer.Ordinal);
        if (rule.Unit is not null)
        {
            names.Add(rule.Unit);
        }

        return names;
    }
}
