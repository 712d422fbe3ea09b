using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Onboarding;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary><c>/settings</c> and its <c>set:</c> buttons; a value is accepted only if the selected model takes it now.</summary>
public sealed class SettingsHandler(SettingsScreens screens, AccountService accounts, ModelCatalog catalog, CurrentUser user, LanguageSwitch languages, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command == "settings" && context.Message is { } message && user.Account is { } account)
        {
            await context.SendAsync(message.Chat.Id, screens.Home(account, user.Language), ct);
            return true;
        }

        if (context.CallbackParts(SettingsScreens.Prefix, 4) is not { } parts || context.Update.CallbackQuery is not { } query)
        {
            return false;
        }

        await OnCallbackAsync(context, query, parts, user.Require(), ct);
        return true;
    }

    private async Task OnCallbackAsync(UpdateContext context, CallbackQuery query, string[] parts, Account account, CancellationToken ct)
    {
        switch (parts)
        {
            case [_, "h"]:
                await context.AnswerAsync(query, cancellationToken: ct);
                break;

            case [_, "lang"]:
                await context.AnswerAsync(query, cancellationToken: ct);
                var language = user.Language == Languages.Russian ? Languages.English : Languages.Russian;
                var chatId = query.Message?.Chat.Id ?? query.From.Id;
                account = await languages.SwitchAsync(context, chatId, query.Message?.Chat.IsPrivate() ?? true, language, ct);
                break;

            case [_, "n"]:
                await accounts.SetNotificationsAsync(account.Id, !account.NotificationsEnabled, ct);
                account = await accounts.FindAsync(account.Id, ct) ?? account;
                await context.AnswerAsync(query, texts.Get(user.Language, account.NotificationsEnabled ? "settings.notifications_now_on" : "settings.notifications_now_off"), cancellationToken: ct);
                break;

            case [_, "o", var code] when MediaSettings.Find(code) is { } setting && Applies(setting, account):
                await context.AnswerAsync(query, cancellationToken: ct);
                await context.ShowAsync(query, screens.Choices(account, user.Language, setting), ct);
                return;

            case [_, "v", var code, var value] when MediaSettings.Find(code) is { } setting && Accepts(setting, account, value) is { } accepted:
                var settings = setting.Set(UserSettings.Of(account), accepted);
                await accounts.SaveSettingsAsync(account.Id, settings.ToJson(), ct);
                account = await accounts.FindAsync(account.Id, ct) ?? account;
                await context.AnswerAsync(query, texts.Get(user.Language, "settings.saved"), cancellationToken: ct);
                break;

            default:
                // A forged button, or one drawn for a model that is no longer selected: show the settings as they are now.
                await context.AnswerAsync(query, texts.Get(user.Language, "settings.stale"), cancellationToken: ct);
                break;
        }

        await context.ShowAsync(query, screens.Home(account, user.Language), ct);
    }

    private Model SelectedModel(MediaSetting setting, Account account) =>
        catalog.FindModel(UserSettings.Of(account).SelectedModel(setting.Category, catalog))!;

    private bool Applies(MediaSetting setting, Account account) => MediaSettings.Values(setting, SelectedModel(setting, account)).Count > 0;

    private string? Accepts(MediaSetting setting, Account account, string value) =>
        MediaSettings.Values(setting, SelectedModel(setting, account)).FirstOrDefault(v => v.Value == value)?.Value;
}
