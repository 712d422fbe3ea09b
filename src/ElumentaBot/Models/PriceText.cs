using Elumenta.Core.Catalog;
using ElumentaBot.Localization;

namespace ElumentaBot.ModelPicker;

/// <summary>How prices read: a fixed price as a number of tokens, a variable one as "from–to".</summary>
public static class PriceText
{
    /// <summary>Compact, for buttons: <c>5</c> or <c>5–13</c>.</summary>
    public static string Short(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (min, max) = Pricing.Range(model.Price);
        return min == max ? $"{min}" : $"{min}–{max}";
    }

    /// <summary>In words: "5 tokens" or "5–13 tokens".</summary>
    public static string Long(Localizer texts, string language, Model model)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(model);
        var (min, max) = Pricing.Range(model.Price);
        return min == max
            ? texts.Plural(language, "tokens", min)
            : texts.Get(language, "models.price_range", ("min", min), ("max", texts.Plural(language, "tokens", max)));
    }

    /// <summary>The price of a request with these options, or null when they do not price (a stale setting).</summary>
    public static int? For(Model model, IReadOnlyDictionary<string, string> options) =>
        Pricing.Quote(model, options) is PriceQuote.Priced priced ? priced.Price : null;
}
