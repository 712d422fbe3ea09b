using System.Globalization;
using System.Text.Json;
using Elumenta.Core.Catalog;

namespace Elumenta.Api.Models;

/// <summary>The body of <c>POST /api/v2/models/{slug}/calculate-price</c>.</summary>
/// <param name="Params">The options a generation would send (<c>size</c>, <c>quality</c>, <c>duration</c> …).</param>
/// <param name="Count">How many such requests (default 1).</param>
public sealed record PriceRequest(Dictionary<string, JsonElement>? Params, int? Count);

/// <param name="Options">The priced options with every default filled in.</param>
public sealed record PriceAnswer(int TokenCost, int MinTokenCost, int MaxTokenCost, string PricingType, int Count, IReadOnlyDictionary<string, string> Options);

/// <summary>Prices a request exactly as admission will (<see cref="Pricing.Quote"/>), or says which field is wrong.</summary>
public static class PriceCalculation
{
    public const int MaxCount = 100;

    /// <summary>A request's inputs that a client may pass along with its options: they never change the price.</summary>
    private static readonly HashSet<string> Inputs = new(StringComparer.Ordinal)
    {
        "model", "prompt", "messages", "system", "text", "image_url", "audio_url", "negative_prompt", "seed", "temperature", "max_tokens", "stream",
    };

    /// <returns>The answer, or field → problem.</returns>
    public static (PriceAnswer? Answer, Dictionary<string, string>? Problems) Calculate(Model model, PriceRequest? request)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = request?.Count ?? 1;
        if (count is < 1 or > MaxCount)
        {
            problems["count"] = $"count must be between 1 and {MaxCount}.";
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request?.Params ?? [])
        {
            if (Inputs.Contains(name) && !model.Options.Contains(name) && !IsPriced(model, name))
            {
                continue;
            }

            switch (Text(value))
            {
                case { } text:
                    options[name] = text;
                    break;
                case null when value.ValueKind != JsonValueKind.Null:
                    problems[name] = $"{name} must be a string or a number.";
                    break;
            }
        }

        if (problems.Count == 0 && Pricing.Quote(model, options) is PriceQuote.Invalid invalid)
        {
            problems[invalid.Option] = Problem(model, invalid);
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var priced = (PriceQuote.Priced)Pricing.Quote(model, options);
        var (min, max) = Pricing.Range(model.Price);
        var affecting = priced.Options.Where(o => IsPriced(model, o.Key)).ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal);
        return (new PriceAnswer(priced.Price * count, min * count, max * count, PricingTypes.Of(model), count, affecting), null);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static bool IsPriced(Model model, string option) =>
        model.Price.Unit == option || model.Price.Dimensions.Any(d => d.Option == option);

    private static string Problem(Model model, PriceQuote.Invalid invalid) =>
        invalid.Allowed.Count == 0 ? $"{model.Slug} does not take the option '{invalid.Option}'."
        : invalid.Option == model.Price.Unit ? string.Create(CultureInfo.InvariantCulture, $"{invalid.Option} must be a number above 0 and at most {model.Price.MaxUnits}.")
        : $"{invalid.Option} must be one of: {string.Join(", ", invalid.Allowed)}.";
}
