using Elumenta.Core.Catalog;
using Elumenta.Providers;
using ElumentaBot.Localization;
using ElumentaBot.Profile;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.ModelPicker;

/// <summary>The /models screens: categories, the models of one category, and why a locked model is locked.</summary>
public sealed class ModelPickerScreens(Localizer texts, ModelCatalog catalog, ModelRouter router)
{
    public const string Prefix = "m";

    public static string CategoryData(ModelCategory category) => $"{Prefix}:c:{Categories.Code(category)}";

    public static string SelectData(Model model) => $"{Prefix}:s:{model?.Slug}";

    public const string HomeData = Prefix + ":h";

    public bool IsAvailable(Model model) => router.IsAvailable(model);

    public Screen Home(string language, UserSettings settings, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        var lines = Categories.All.Select(c =>
            $"{Categories.Title(texts, language, c)}: {catalog.FindModel(settings.SelectedModel(c, catalog))!.Name}");
        var text = texts.Get(language, "models.home", ("selected", string.Join('\n', lines)))
            + (plan.AllModels ? "" : "\n\n" + texts.Get(language, "models.home_starter"));
        var buttons = Categories.All.Select(c => Screen.Button(Categories.Title(texts, language, c), CategoryData(c))).Chunk(2);
        return new Screen(text, Screen.Rows(buttons));
    }

    public Screen List(string language, ModelCategory category, UserSettings settings, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(plan);
        var selected = catalog.FindModel(settings.SelectedModel(category, catalog))!;
        var text = texts.Get(language, "models.list",
            ("category", Categories.Title(texts, language, category)),
            ("model", selected.Name),
            ("price", PerRequest(language, selected)));
        var buttons = catalog.InCategory(category).Select(m => Screen.Button(Label(language, m, selected, plan), SelectData(m)))
            .Append(Screen.Button(texts.Get(language, "models.back_to_categories"), HomeData));
        return new Screen(text, Screen.Column(buttons));
    }

    public Screen Locked(string language, Model model, Plan plan)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(plan);
        var unlocking = catalog.PlansUnlocking(model);
        var text = texts.Get(language, "models.locked",
            ("model", model.Name),
            ("plan", plan.Name),
            ("plans", string.Join(", ", unlocking.Select(p => p.Name))),
            ("stars", unlocking.Count > 0 ? unlocking[0].Stars : 0));
        var markup = Screen.Rows(
        [
            [InlineKeyboardButton.WithCallbackData(texts.Get(language, "models.plans_button"), "pay:plans")],
            [Screen.Button(texts.Get(language, "models.back"), CategoryData(model.Category))],
        ]);
        return new Screen(text, markup);
    }

    // "free per request" would read oddly, so a free model's price stands alone.
    private string PerRequest(string language, Model model) =>
        Pricing.Range(model.Price) == (0, 0)
            ? PriceText.Long(texts, language, 0)
            : texts.Get(language, "models.per_request", ("price", PriceText.Long(texts, language, model)));

    private string Label(string language, Model model, Model selected, Plan plan)
    {
        var mark = !plan.CanUse(model) ? "🔒 " : !router.IsAvailable(model) ? "⛔ " : model.Slug == selected.Slug ? "✅ " : "";
        var price = router.IsAvailable(model) ? PriceText.Short(texts, language, model) : texts.Get(language, "models.unavailable_short");
        return $"{mark}{model.Name} · {price}";
    }
}
