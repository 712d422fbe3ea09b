using Elumenta.Core.Accounts;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Profile;

/// <summary>Changes the account's language and re-sends the mode keyboard in it (a reply keyboard only comes with a new message).</summary>
public sealed class LanguageSwitch(AccountService accounts, CurrentUser user, Localizer texts, MainMenu menu)
{
    public async Task<Account> SwitchAsync(UpdateContext context, long chatId, bool privateChat, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var account = user.Require();
        await accounts.SetLanguageAsync(account.Id, language, ct);
        account = await accounts.FindAsync(account.Id, ct) ?? account;
        user.Refresh(account);
        await context.Bot.SendMessage(chatId, texts.Get(language, "lang.changed"), replyMarkup: privateChat ? menu.Keyboard(language) : null, cancellationToken: ct);
        return account;
    }
}
