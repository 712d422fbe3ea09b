using Elumenta.Core.Catalog;
using ElumentaBot.Localization;
using ElumentaBot.ModelPicker;
using ElumentaBot.Profile;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Media.Confirmations;

/// <summary>
/// Priced choice buttons. Callback data carries only the draft id and a short choice (the draft itself is server-side),
/// so it stays far below Telegram's 64 bytes: <c>mt:</c> tool, <c>mk:</c> audio kind, <c>ml:</c> language,
/// <c>ms:</c> model switch, <c>mo:</c> option.
/// </summary>
public sealed class ChoiceButtons(Localizer texts, ModelCatalog catalog)
{
    public static readonly IReadOnlyList<string> ImageToolSlugs = ["upscale", "remove-bg", "colorize", "style-transfer", "text-ocr", "inpaint", "face-swap"];
    public static readonly IReadOnlyList<string> AudioToolSlugs = ["el-voice-changer", "el-voice-isolator", "el-dubbing"];
    public static readonly IReadOnlyList<string> DubbingLanguages = ["en", "ru", "es", "de", "fr", "it", "pt", "ja", "zh", "ko", "tr", "uk"];
    public static readonly IReadOnlyList<string> ImageInputModels = ["flux-kontext-pro", "nano-banana-pro", "gpt-image-1.5"];

    // Luma takes start frames only as public URLs, and a Telegram file URL carries the bot token.
    public static readonly IReadOnlyList<string> PhotoVideoModels = ["kling-v2.1", "veo-3.1", "minimax-video"];

    public List<InlineKeyboardButton[]> ImageTools(string lang, long id) =>
        Rows(ImageToolSlugs.Select(slug => Button(Label(lang, "media.tool." + slug, Price(slug, null)), $"mt:{id}:{slug}")), 2);

    public List<InlineKeyboardButton[]> AudioTools(string lang, long id, MediaDraft draft)
    {
        var minutes = draft.Audio?.Duration is { } seconds ? MediaChecks.Minutes(seconds) : "1";
        return Rows(AudioToolSlugs.Select(slug => Button(
            Label(lang, "media.tool." + slug, Price(slug, slug == "el-dubbing" ? new() { ["source_minutes"] = minutes } : null)),
            $"mt:{id}:{slug}")), 1);
    }

    public List<InlineKeyboardButton[]> Languages(long id) =>
        Rows(DubbingLanguages.Select(code => Button(code.ToUpperInvariant(), $"ml:{id}:{code}")), 4);

    public List<InlineKeyboardButton[]> AudioKinds(string lang, long id, UserSettings settings) => Rows(
    [
        Button(Label(lang, "media.kind.music", Price(settings.SelectedModel(ModelCategory.Music, catalog), null)), $"mk:{id}:music"),
        Button(Label(lang, "media.kind.speech", Price(settings.SelectedModel(ModelCategory.Tts, catalog), null)), $"mk:{id}:speech"),
        Button(Label(lang, "media.kind.sfx", Price("elevenlabs-sfx", null)), $"mk:{id}:sfx"),
        Button(Label(lang, "media.kind.dialogue", Price("el-dialogue", null)), $"mk:{id}:dialogue"),
    ], 2);

    public List<InlineKeyboardButton[]> Switch(string lang, long id, MediaDraft draft) =>
        Rows((draft.Kind == MediaKind.Video ? PhotoVideoModels : ImageInputModels)
            .Select(slug => catalog.FindModel(slug)!)
            .Select(m => Button(Priced(m.Name, Price(m.Slug, null) is { } p ? PriceText.Long(texts, lang, p) : null), $"ms:{id}:{m.Slug}")), 1);

    public List<InlineKeyboardButton[]> VideoOptions(string lang, long id, MediaDraft draft, Model model)
    {
        var rows = new List<InlineKeyboardButton[]>();
        foreach (var option in new[] { "resolution", "mode", "duration" })
        {
            var values = OptionDefaults.Values(model, option);
            if (values.Count > 1)
            {
                rows.Add(values.Select(v => Button(
                    Priced($"{Mark(draft, model, option, v)}{ValueLabel(lang, option, v)}", Compact(lang, Price(model.Slug, Options(draft, option, v)))),
                    $"mo:{id}:{option}={v}")).ToArray());
            }
        }

        if (model.Options.Contains("aspect_ratio"))
        {
            rows.Add(new[] { "16:9", "9:16", "1:1" }.Select(v => Button($"{Mark(draft, model, "aspect_ratio", v)}{v}", $"mo:{id}:aspect_ratio={v}")).ToArray());
        }

        return rows;
    }

    private string ValueLabel(string lang, string option, string value) => option switch
    {
        "duration" => texts.Get(lang, "media.unit.seconds", ("n", value)),
        "mode" => texts.Get(lang, "media.video.mode." + value),
        _ => value,
    };

    private static string Mark(MediaDraft draft, Model model, string option, string value)
    {
        var current = draft.Options.TryGetValue(option, out var v) ? v : model.Price.Dimensions.FirstOrDefault(d => d.Option == option)?.Default;
        return string.Equals(current, value, StringComparison.OrdinalIgnoreCase) ? "✓ " : "";
    }

    private static Dictionary<string, string> Options(MediaDraft draft, string option, string value) =>
        new(draft.Options, StringComparer.Ordinal) { [option] = value };

    // Null, not 0, for a request that does not price: 0 would read "free".
    private int? Price(string slug, Dictionary<string, string>? options) =>
        catalog.FindModel(slug) is { } m && Pricing.Quote(m, options) is PriceQuote.Priced p ? p.Price : null;

    private string Label(string lang, string key, int? price) => Priced(texts.Get(lang, key), Compact(lang, price));

    private string? Compact(string lang, int? price) => price is { } p ? PriceText.Short(texts, lang, p) : null;

    private static string Priced(string label, string? price) => price is null ? label : $"{label} · {price}";

    private static InlineKeyboardButton Button(string text, string data) => Screen.Button(text, data);

    private static List<InlineKeyboardButton[]> Rows(IEnumerable<InlineKeyboardButton> buttons, int perRow) =>
        buttons.Chunk(perRow).ToList();
}
