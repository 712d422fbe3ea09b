namespace Elumenta.Core.Catalog;

/// <summary>Checks that a price rule prices every request it can receive, and nothing else.</summary>
internal static class PriceRuleValidator
{
    /// <returns>Whether the rule is sound enough for its range to be compared with the published one.</returns>
    public static bool Validate(PriceRuleOptions rule, string prefix, List<string> errors)
    {
        var before = errors.Count;
        switch (rule.Kind)
        {
            case "fixed":
                // 0 is a real price (the free text models), so only a missing or negative Amount is wrong.
                if (rule.Amount is not >= 0)
                {
                    errors.Add(rule.Amount is null
                        ? $"{prefix} a fixed price needs an Amount (0 for a free model)."
                        : $"{prefix} fixed price Amount cannot be negative, got {rule.Amount}.");
                }

                break;
            case "matrix":
                ValidateMatrix(rule, prefix, errors);
                break;
            case "per_unit":
                if (string.IsNullOrWhiteSpace(rule.Unit) || rule.UnitPrice <= 0 || rule.MaxUnits <= 0)
                {
                    errors.Add($"{prefix} per_unit price needs Unit, a positive UnitPrice and a positive MaxUnits (got Unit '{rule.Unit}', UnitPrice {rule.UnitPrice}, MaxUnits {rule.MaxUnits}).");
                }

                if (rule.Dimensions.Count > 0)
                {
                    errors.Add($"{prefix} a per_unit price takes no Dimensions.");
                }

                break;
            default:
                errors.Add($"{prefix} unknown price rule kind '{rule.Kind}' (known: fixed, matrix, per_unit).");
                break;
        }

        return errors.Count == before;
    }

    private static void ValidateMatrix(PriceRuleOptions rule, string prefix, List<string> errors)
    {
        if (rule.Dimensions.Count == 0)
        {
            errors.Add($"{prefix} a matrix price needs at least one dimension.");
            return;
        }

        var before = errors.Count;
        foreach (var group in rule.Dimensions.GroupBy(d => d.Option, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{prefix} price dimension '{group.Key}' appears {group.Count()} times.");
        }

        foreach (var dimension in rule.Dimensions)
        {
            ValidateDimension(dimension, prefix, errors);
        }

        if (errors.Count > before)
        {
            return;
        }

        var combinations = rule.Dimensions.Aggregate(
            (IEnumerable<string>)[""],
            (keys, d) => keys.SelectMany(k => d.Values.Select(v => k.Length == 0 ? v : $"{k}|{v}")))
            .ToList();
        var shape = string.Join(" × ", rule.Dimensions.Select(d => d.Option));
        foreach (var key in combinations.Where(k => !rule.Prices.ContainsKey(k)))
        {
            errors.Add($"{prefix} matrix ({shape}) has no price for '{key}'.");
        }

        foreach (var key in rule.Prices.Keys.Except(combinations, StringComparer.Ordinal))
        {
            errors.Add($"{prefix} matrix ({shape}) has a price for '{key}', which is not a combination of its values.");
        }

        foreach (var (key, price) in rule.Prices.Where(p => p.Value <= 0))
        {
            errors.Add($"{prefix} matrix price for '{key}' must be positive, got {price}.");
        }
    }

    private static void ValidateDimension(PriceDimensionOptions dimension, string prefix, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(dimension.Option))
        {
            errors.Add($"{prefix} a price dimension has an empty Option.");
        }

        if (dimension.Values.Count == 0)
        {
            errors.Add($"{prefix} price dimension '{dimension.Option}' has no values.");
            return;
        }

        if (dimension.Values.Any(v => string.IsNullOrWhiteSpace(v) || v.Contains('|', StringComparison.Ordinal)))
        {
            errors.Add($"{prefix} price dimension '{dimension.Option}' has an empty value or one containing '|'.");
        }

        // Pricing matches request values case-insensitively, so values differing only in case are ambiguous.
        foreach (var group in dimension.Values.GroupBy(v => v, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{prefix} price dimension '{dimension.Option}' lists '{group.Key}' {group.Count()} times.");
        }

        if (!dimension.Values.Contains(dimension.Default, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{prefix} default '{dimension.Default}' of price dimension '{dimension.Option}' is not one of its values ({string.Join(", ", dimension.Values)}).");
        }
    }
}
