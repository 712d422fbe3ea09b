using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Localization;
using ElumentaBot.ModelPicker;
using ElumentaBot.Ui;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary>/settings: language, notifications and the media defaults of the selected models, each a button that opens its choices.</summary>
public sealed class SettingsScreens(Localizer texts, ModelCatalog catalog)
{
    public const string Prefix = "set";
    public const string HomeData = Prefix + ":h";
    public const string LanguageData = Prefix + ":lang";
    public const string NotificationsData = Prefix + ":n";

    public static string OpenData(MediaSetting setting) => $"{Prefix}:o:{setting?.Code}";

    public static string ValueData(MediaSetting setting, string value) => $"{Prefix}:v:{setting?.Code}:{value}";

    public Screen Home(Account account, string language)
    {
        ArgumentNullException.ThrowIfNull(account);
        var settings = UserSettings.Of(account);
        var rows = new List<InlineKeyboardButton[]>
        {
            new[]
            {
                Screen.Button(texts.Get(language, "settings.language_button", ("language", texts.Get(language, "settings.language_name"))), LanguageData),
                Screen.Button(texts.Get(language, account.NotificationsEnabled ? "settings.notifications_on" : "settings.notifications_off"), NotificationsData),
            },
        };
        var lines = new List<string> { texts.Get(language, "settings.title") };
        foreach (var group in MediaSettings.All.GroupBy(s => s.Category))
        {
            var model = catalog.FindModel(settings.SelectedModel(group.Key, catalog))!;
            var applicable = group.Where(s => MediaSettings.Values(s, model).Count > 0).ToList();
            var values = applicable.Select(s => $"{texts.Get(language, $"settings.{s.Code}")}: {Label(s, model, MediaSettings.Current(s, model, settings), language)}");
            lines.Add(texts.Get(language, "settings.group_line",
                ("category", Categories.Title(texts, language, group.Key)),
                ("model", model.Name),
                ("values", applicable.Count > 0 ? string.Join(", ", values) : texts.Get(language, "settings.nothing_to_adjust"))));
            rows.Add([.. applicable.Select(s => Screen.Button(
                $"{texts.Get(language, $"settings.{s.Code}")}: {Label(s, model, MediaSettings.Current(s, model, settings), language)}", OpenData(s)))]);
        }

        lines.Add(texts.Get(language, "settings.footer"));
        return new Screen(string.Join("\n\n", lines), Screen.Rows(rows));
    }

    public Screen Choices(Account account, string language, MediaSetting setting)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(setting);
        var settings = UserSettings.Of(account);
        var model = catalog.FindModel(settings.SelectedModel(setting.Category, catalog))!;
        var current = MediaSettings.Current(setting, model, settings);
        var option = MediaSettings.OptionFor(setting, model);
        var priced = option is not null && model.Price.Dimensions.Any(d => d.Option == option);
        var buttons = MediaSettings.Values(setting, model).Select(v =>
        {
            var label = (string.Equals(v.Value, current, StringComparison.OrdinalIgnoreCase) ? "✅ " : "") + Label(setting, model, v.Value, language);
            if (priced && PriceText.For(model, WithValue(settings, model, option!, v.Value)) is { } price)
            {
                label = texts.Get(language, "settings.value_with_price", ("value", label), ("price", PriceText.Long(texts, language, price)));
            }

            return Screen.Button(label, ValueData(setting, v.Value));
        }).Append(Screen.Button(texts.Get(language, "settings.back"), HomeData));
        var text = texts.Get(language, priced ? "settings.choose_priced" : "settings.choose",
            ("setting", texts.Get(language, $"settings.{setting.Code}")), ("model", model.Name));
        return new Screen(text, Screen.Column(buttons));
    }

    private static Dictionary<string, string> WithValue(UserSettings settings, Model model, string option, string value) =>
        new(MediaSettings.RequestOptions(settings, model)) { [option] = value };

    private string Label(MediaSetting setting, Model model, string? value, string language) =>
        value is null ? texts.Get(language, "settings.default")
        : MediaSettings.OptionFor(setting, model) == "duration" ? texts.Get(language, "settings.seconds", ("n", value))
        : MediaSettings.Values(setting, model).FirstOrDefault(v => v.Value == value)?.Label ?? value;
}
