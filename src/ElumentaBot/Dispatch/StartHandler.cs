using Elumenta.Core.Billing;
using ElumentaBot.Accounts;
using ElumentaBot.BotApi;
using ElumentaBot.Localization;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Dispatch;

/// <summary>Greets <c>/start</c> in the user's language: the gift on first contact, the balance afterwards.</summary>
public sealed class StartHandler(Localizer texts, CurrentUser user, IOptions<BillingOptions> billing) : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command != "start" || context.Message is not { } message || user.Account is not { } account)
        {
            return false;
        }

        var language = user.Language;
        var text = user.IsNew
            ? texts.Get(language, "start.greeting", ("name", message.From?.FirstName ?? ""), ("gift", texts.Plural(language, "tokens", billing.Value.SignupGrantTokens)))
            : texts.Get(language, "start.welcome_back", ("name", message.From?.FirstName ?? ""), ("balance", texts.Plural(language, "tokens", account.Balance)));
        await context.Bot.SendMessage(message.Chat.Id, text, ct: ct);
        return true;
    }
}
