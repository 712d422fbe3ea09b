using ElumentaBot.Accounts;
using ElumentaBot.Onboarding;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

/// <summary><c>/balance</c> (the Profile tap is routed by <see cref="ModeHandler"/>).</summary>
public sealed class BalanceHandler(BalanceScreen balance, CurrentUser user)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Command is not "balance" || context.Message is not { } message || user.Account is not { } account)
        {
            return false;
        }

        await context.SendAsync(message.Chat.Id, await balance.RenderAsync(account, user.Language, ct), ct);
        return true;
    }
}
