using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Catalog;
using ElumentaBot.ApiKeys;
using ElumentaBot.Localization;
using ElumentaBot.ModelPicker;
using ElumentaBot.Onboarding;
using ElumentaBot.Profile;
using ElumentaBot.Ui;

namespace ElumentaBot.Tests.Onboarding;

/// <summary>Renders every screen in every state the catalog allows (each plan, language, selected model, setting) and collects the buttons.</summary>
internal static class ScreenWalk
{
    public static IEnumerable<string> AllCallbackData(OnboardingBot bot)
    {
        var catalog = bot.Service<ModelCatalog>();
        var models = bot.Service<ModelPickerScreens>();
        var modes = bot.Service<ModeScreen>();
        var settings = bot.Service<SettingsScreens>();
        var keys = bot.Service<ApiKeyScreens>();
        var screens = new List<Screen>();
        foreach (var language in Localizer.Languages)
        {
            foreach (var plan in catalog.Plans)
            {
                foreach (var model in catalog.Models)
                {
                    var chosen = new UserSettings().WithModel(model.Category, model.Slug);
                    screens.Add(models.Home(language, chosen, plan));
                    screens.Add(models.List(language, model.Category, chosen, plan));
                    screens.Add(models.Locked(language, model, plan));
                    screens.AddRange(Enum.GetValues<BotMode>().Select(m => modes.Render(language, m, chosen, plan)));
                    var account = new Account { Settings = chosen.ToJson(), NotificationsEnabled = true };
                    screens.Add(settings.Home(account, language));
                    screens.AddRange(MediaSettings.All.Select(s => settings.Choices(account, language, s)));
                }
            }

            var manyKeys = Enumerable.Range(0, ApiKeyStore.MaxActiveKeys)
                .Select(i => new ApiKey { Id = long.MaxValue - i, Name = new string('я', ApiKeyStore.MaxNameLength), Prefix = "nb_ABCDEFGH" }).ToList();
            screens.Add(keys.List(language, manyKeys));
            screens.Add(keys.List(language, manyKeys.Take(1).ToList()));
            screens.Add(keys.ConfirmRevoke(language, manyKeys[0]));
            screens.Add(keys.PlanRequired(language));
        }

        return screens.SelectMany(s => s.Markup?.InlineKeyboard ?? []).SelectMany(r => r).Select(b =>
        {
            Assert.False(string.IsNullOrWhiteSpace(b.Text));
            return b.CallbackData ?? "";
        });
    }
}
