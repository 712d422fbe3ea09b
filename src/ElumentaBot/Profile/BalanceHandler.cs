using ElumentaBot.Accounts;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

/// <summary><c>/balance</c> and the Profile button: the same screen.</summary>
public sealed class BalanceHandler(BalanceScreen balance, CurrentUser user)
{
    public async Task BalanceAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is { } message)
        {
            await context.SendAsync(message.Chat.Id, await balance.RenderAsync(user.Require(), user.Language, ct), ct);
        }
    }
}
