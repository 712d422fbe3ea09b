using Elumenta.Core.Accounts;
using Elumenta.Core.Storage;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;

namespace ElumentaBot.Profile;

/// <summary>Changes the account's language and re-sends the mode keyboard in it (a reply keyboard only comes with a new message).</summary>
public sealed class LanguageSwitch(AccountService accounts, Effects effects, CurrentUser user, Localizer texts, MainMenu menu)
{
    /// <summary>
    /// Sets <paramref name="language"/> once per update (<see cref="EffectKeys"/>). A retry does not switch again (a
    /// toggle would switch back); it confirms the language the first attempt recorded.
    /// </summary>
    public async Task<Account> SwitchAsync(UpdateContext context, long chatId, bool privateChat, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var account = user.Require();
        var once = await effects.RunOnceAsync(context.EffectKey, EffectJson.Default.String, async (c, t) =>
        {
            await accounts.SetLanguageAsync(c, t, account.Id, language, ct);
            return language;
        }, ct);
        language = once.Value;
        account = await accounts.FindAsync(account.Id, ct) ?? account;
        user.Refresh(account);
        await context.Bot.SendMessage(chatId, texts.Get(language, "lang.changed"), replyMarkup: privateChat ? menu.Keyboard(language) : null, cancellationToken: ct);
        return account;
    }
}
