using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using ElumentaBot.BotApi;
using ElumentaBot.Localization;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Dispatch;

/// <summary>Greets <c>/start</c> in the user's language. The product's onboarding (account, deep links) replaces it.</summary>
public sealed class StartHandler(Localizer texts, IOptions<BillingOptions> billing) : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command != "start" || context.Message is not { } message)
        {
            return false;
        }

        var language = Languages.FromTelegram(message.From?.LanguageCode);
        var greeting = texts.Get(language, "start.greeting",
            ("name", message.From?.FirstName ?? ""),
            ("gift", texts.Plural(language, "tokens", billing.Value.SignupGrantTokens)));
        await context.Bot.SendMessage(message.Chat.Id, greeting, ct: ct);
        return true;
    }
}
