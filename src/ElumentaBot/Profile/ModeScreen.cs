using Elumenta.Core.Catalog;
using Elumenta.Providers;
using ElumentaBot.Localization;
using ElumentaBot.ModelPicker;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary>What a mode tap answers: what the mode does, the model(s) it uses with their price, and where to change them.</summary>
public sealed class ModeScreen(Localizer texts, ModelCatalog catalog, ModelRouter router)
{
    /// <summary>The categories a mode uses, the one plain text goes to first.</summary>
    public static IReadOnlyList<ModelCategory> CategoriesOf(BotMode mode) => mode switch
    {
        BotMode.Chat => [ModelCategory.Text],
        BotMode.Image => [ModelCategory.Image],
        BotMode.Video => [ModelCategory.Video],
        BotMode.Audio => [ModelCategory.Tts, ModelCategory.Music, ModelCategory.AudioTool],
        BotMode.Tools => [ModelCategory.ImageTool],
        _ => [ModelCategory.Text],
    };

    public Screen Render(string language, BotMode mode, UserSettings settings, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        var key = mode.ToString().ToLowerInvariant();
        var lines = new List<string> { texts.Get(language, $"mode.{key}.about") };
        var rows = new List<InlineKeyboardButton[]>();
        foreach (var category in CategoriesOf(mode))
        {
            var model = catalog.FindModel(settings.SelectedModel(category, catalog))!;
            var line = texts.Get(language, "mode.model_line",
                ("category", Categories.Title(texts, language, category)),
                ("model", model.Name),
                ("price", PriceLine(language, model, settings)));
            var warning = !plan.CanUse(model) ? "mode.model_locked" : !router.IsAvailable(model) ? "mode.model_unavailable" : null;
            lines.Add(warning is null ? line : line + "\n" + texts.Get(language, warning));

            rows.Add([Screen.Button(texts.Get(language, "mode.change_model", ("category", Categories.Title(texts, language, category))), ModelPickerScreens.CategoryData(category))]);
        }

        if (mode is BotMode.Image or BotMode.Video or BotMode.Audio)
        {
            rows.Add([Screen.Button(texts.Get(language, "mode.settings_button"), SettingsScreens.HomeData)]);
        }

        return new Screen(string.Join("\n\n", lines), new InlineKeyboardMarkup([.. rows]));
    }

    /// <summary>The price of a request with the user's settings, and the range when options change it.</summary>
    private string PriceLine(string language, Model model, UserSettings settings)
    {
        var (min, max) = Pricing.Range(model.Price);
        var now = PriceText.For(model, MediaSettings.RequestOptions(settings, model)) ?? min;
        return min == max
            ? PriceText.Long(texts, language, now)
            : texts.Get(language, "mode.price_with_range", ("price", PriceText.Long(texts, language, now)), ("range", PriceText.Long(texts, language, model)));
    }
}
