using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

/// <summary>
/// Taps on the five mode buttons of the reply keyboard: switch the mode and explain it. The write is a plain set
/// of the mode, so a retried tap finds it set, writes nothing and answers the same screen.
/// </summary>
public sealed class ModeHandler(CurrentUser user, AccountService accounts, ModelCatalog catalog, ModeScreen modes)
{
    public async Task SwitchAsync(UpdateContext context, BotMode chosen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var account = user.Require();
        var settings = UserSettings.Of(account);
        if (settings.Mode != chosen)
        {
            settings = settings with { Mode = chosen };
            await accounts.ChangeSettingsAsync(account.Id, account.Settings, settings.ToJson(), ct);
        }

        await context.SendAsync(message.Chat.Id, modes.Render(user.Language, chosen, settings, catalog.PlanOrFree(account.Plan)), ct);
    }
}
