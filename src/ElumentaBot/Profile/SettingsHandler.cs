using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

/// <summary>
/// <c>/settings</c> and its <c>set:</c> buttons; a value is accepted only if the selected model takes it now. Each
/// change is recorded once under the callback query id (<see cref="EffectKeys"/>): a retry answers from the record.
/// </summary>
public sealed class SettingsHandler(SettingsScreens screens, AccountService accounts, Effects effects, ModelCatalog catalog, CurrentUser user, LanguageSwitch languages, Localizer texts)
{
    public async Task CommandAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is { } message)
        {
            await context.SendAsync(message.Chat.Id, screens.Home(user.Require(), user.Language), ct);
        }
    }

    public async Task CallbackAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Callback is not { } query)
        {
            return;
        }

        var account = user.Require();
        switch (context.CallbackParts(SettingsScreens.Prefix, 4))
        {
            case [_, "h"]:
                await context.AnswerAsync(query, ct: ct);
                break;

            case [_, "lang"]:
                await context.AnswerAsync(query, ct: ct);
                var language = user.Language == Languages.Russian ? Languages.English : Languages.Russian;
                account = await languages.SwitchAsync(context, query.Message?.Chat.Id ?? query.From.Id, query.Message?.Chat.IsPrivate() ?? true, language, ct);
                break;

            case [_, "n"]:
                var enabled = !account.NotificationsEnabled;
                var once = await effects.RunOnceAsync(context.EffectKey, EffectJson.Default.Boolean, async (c, t) =>
                {
                    await accounts.SetNotificationsAsync(c, t, account.Id, enabled, ct);
                    return enabled;
                }, ct);
                account = await accounts.FindAsync(account.Id, ct) ?? account;
                await context.AnswerAsync(query, texts.Get(user.Language, once.Value ? "settings.notifications_now_on" : "settings.notifications_now_off"), ct: ct);
                break;

            case [_, "o", var code] when MediaSettings.Find(code) is { } setting && Applies(setting, account):
                await context.AnswerAsync(query, ct: ct);
                await context.ShowAsync(query, screens.Choices(account, user.Language, setting), ct);
                return;

            case [_, "v", var code, var value] when MediaSettings.Find(code) is { } setting && Accepts(setting, account, value) is { } accepted:
                account = await SaveAsync(context, account, setting, accepted, ct);
                await context.AnswerAsync(query, texts.Get(user.Language, "settings.saved"), ct: ct);
                break;

            default:
                // A forged button, or one drawn for a model that is no longer selected: show the settings as they are now.
                await context.AnswerAsync(query, texts.Get(user.Language, "settings.stale"), ct: ct);
                break;
        }

        await context.ShowAsync(query, screens.Home(account, user.Language), ct);
    }

    private async Task<Account> SaveAsync(UpdateContext context, Account account, MediaSetting setting, string value, CancellationToken ct)
    {
        var settings = setting.Set(UserSettings.Of(account), value);
        await effects.RunOnceAsync(context.EffectKey, EffectJson.Default.Boolean, async (c, t) =>
        {
            await accounts.ChangeSettingsAsync(c, t, account.Id, account.Settings, settings.ToJson(), ct);
            return true;
        }, ct);
        return await accounts.FindAsync(account.Id, ct) ?? account;
    }

    private Model SelectedModel(MediaSetting setting, Account account) =>
        catalog.FindModel(UserSettings.Of(account).SelectedModel(setting.Category, catalog))!;

    private bool Applies(MediaSetting setting, Account account) => MediaSettings.Values(setting, SelectedModel(setting, account)).Count > 0;

    private string? Accepts(MediaSetting setting, Account account, string value) =>
        MediaSettings.Values(setting, SelectedModel(setting, account)).FirstOrDefault(v => v.Value == value)?.Value;
}
