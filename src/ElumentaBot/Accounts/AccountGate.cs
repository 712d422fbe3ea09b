using Elumenta.Core.Accounts;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Accounts;

/// <summary>
/// Every update from a person creates or refreshes their account (and makes them reachable again), so routes read
/// <see cref="CurrentUser"/> and the keyboard mode. Updates without a person (or from a bot) go no further.
/// </summary>
public sealed class AccountGate(AccountService accounts, CurrentUser current, IOptions<TelegramOptions> telegram) : IUpdateGate
{
    public async ValueTask<bool> PassAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The Stop button of a draft carries no sender; its chat is the user's private chat, and its route needs no account.
        if (context.Update.StoppedMessageGeneration is not null)
        {
            return true;
        }

        if (context.From is not { IsBot: false } from)
        {
            return false;
        }

        var payload = context.Command == "start" && context.CommandArgument.Length > 0 ? context.CommandArgument : null;
        var session = await accounts.GetOrCreateAsync(new TelegramUserInfo(from.Id, from.Username, from.FirstName, from.LanguageCode), payload, ct);
        current.Set(session.Account, session.Created, telegram.Value.AdminUserIds.Contains(from.Id));
        context.Mode = UserSettings.Of(session.Account).Mode;
        return true;
    }
}
