using Elumenta.Core.Catalog;
using ElumentaBot.Localization;

namespace ElumentaBot.ModelPicker;

/// <summary>
/// How prices read: a fixed price as a number of tokens, a variable one as "from–to", and a price of 0 as
/// "free" (never "0 tokens"): the free text models are shown the way Elumenta's FAQ states them.
/// </summary>
public static class PriceText
{
    /// <summary>Compact, for buttons: <c>5</c>, <c>5–13</c> or <c>free</c>.</summary>
    public static string Short(Localizer texts, string language, Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var (min, max) = Pricing.Range(model.Price);
        return min == max ? Short(texts, language, min) : $"{min}–{max}";
    }

    /// <summary>Compact, for buttons: <c>5</c> or <c>free</c>.</summary>
    public static string Short(Localizer texts, string language, int price)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return price == 0 ? texts.Get(language, "price.free") : price.ToString(Localizer.Culture(language));
    }

    /// <summary>In words: "5 tokens", "5–13 tokens" or "free".</summary>
    public static string Long(Localizer texts, string language, Model model)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(model);
        var (min, max) = Pricing.Range(model.Price);
        return min == max
            ? Long(texts, language, min)
            : texts.Get(language, "models.price_range", ("min", min), ("max", texts.Plural(language, "tokens", max)));
    }

    /// <summary>In words: "5 tokens" or "free".</summary>
    public static string Long(Localizer texts, string language, int price)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return price == 0 ? texts.Get(language, "price.free") : texts.Plural(language, "tokens", price);
    }

    /// <summary>The price of a request with these options, or null when they do not price (a stale setting).</summary>
    public static int? For(Model model, IReadOnlyDictionary<string, string> options) =>
        Pricing.Quote(model, options) is PriceQuote.Priced priced ? priced.Price : null;
}
