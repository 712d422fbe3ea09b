using System.Text.Json;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Media.Images;

/// <summary>
/// U1–U4 / V1–V4 under a Midjourney grid, each with its price at the speed the grid ran at. The callback
/// (<c>mj:{generation}:u1</c>) names only the grid; the rest is read back from the store and checked.
/// </summary>
public sealed class MidjourneyButtons
{
    public InlineKeyboardMarkup? For(Generation generation, Model model)
    {
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(model);
        var options = Options(generation);
        if (model.Slug != "midjourney" || options.GetValueOrDefault("action", "imagine") != "imagine")
        {
            return null;
        }

        var speed = options.GetValueOrDefault("speed", "fast");
        var upscale = Price(model, "upscale", speed);
        var variation = Price(model, "variation", speed);
        return new InlineKeyboardMarkup(
        [
            [.. Enumerable.Range(1, 4).Select(i => Screen.Button($"U{i} · {upscale}", $"mj:{generation.Id}:u{i}"))],
            [.. Enumerable.Range(1, 4).Select(i => Screen.Button($"V{i} · {variation}", $"mj:{generation.Id}:v{i}"))],
        ]);
    }

    public static Dictionary<string, string> Options(Generation generation)
    {
        ArgumentNullException.ThrowIfNull(generation);
        try
        {
            return JsonSerializer.Deserialize(generation.Options, MediaJson.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static int Price(Model model, string action, string speed) =>
        Pricing.Quote(model, new Dictionary<string, string> { ["action"] = action, ["speed"] = speed }) is PriceQuote.Priced p ? p.Price : 0;
}
