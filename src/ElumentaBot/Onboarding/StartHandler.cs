using Elumenta.Core.Billing;
using ElumentaBot.Accounts;
using ElumentaBot.Growth;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Onboarding;

/// <summary>
/// <c>/start [payload]</c>: what the bot does and the sign-up gift on first contact, the balance afterwards, and the
/// mode keyboard. The payload was stored by the account gate when the account was created.
/// </summary>
public sealed class StartHandler(Localizer texts, CurrentUser user, MainMenu menu, IOptions<BillingOptions> billing, GrowthStart growth)
{
    public async Task StartAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var account = user.Require();
        var language = user.Language;
        var name = message.From?.FirstName ?? "";
        var text = user.IsNew
            ? texts.Get(language, "start.greeting", ("name", name), ("gift", texts.Plural(language, "tokens", billing.Value.SignupGrantTokens)))
            : texts.Get(language, "start.welcome_back", ("name", name), ("balance", texts.Plural(language, "tokens", account.Balance)))
              + "\n\n" + texts.Get(language, "start.welcome_back_hint");

        // A reply keyboard in a group would be shown to every member, and its taps are plain text the bot does not see there.
        if (message.Chat.IsPrivate())
        {
            await context.Bot.SendMessage(message.Chat.Id, text, replyMarkup: menu.Keyboard(language), cancellationToken: ct);
        }
        else
        {
            await context.Bot.SendMessage(message.Chat.Id, text + "\n\n" + texts.Get(language, "start.group_hint"), cancellationToken: ct);
        }

        // ref-… tells the inviter; promo-… redeems the code (Growth owns both payloads).
        await growth.AfterStartAsync(context, ct);
    }
}
