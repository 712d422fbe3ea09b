using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Onboarding;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

/// <summary>
/// Taps on the mode keyboard (they arrive as plain text in either language): the five modes switch the mode and
/// explain it, Profile shows the balance. Plans belongs to the payments layer, so it is passed on.
/// </summary>
public sealed class ModeHandler(MainMenu menu, CurrentUser user, AccountService accounts, ModelCatalog catalog, ModeScreen modes, BalanceScreen balance)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { Text: { } text } message || context.Command is not null || user.Account is not { } account)
        {
            return false;
        }

        var item = menu.Match(text);
        if (item == MenuItem.Profile)
        {
            await context.SendAsync(message.Chat.Id, await balance.RenderAsync(account, user.Language, ct), ct);
            return true;
        }

        BotMode? mode = item switch
        {
            MenuItem.Chat => BotMode.Chat,
            MenuItem.Image => BotMode.Image,
            MenuItem.Video => BotMode.Video,
            MenuItem.Audio => BotMode.Audio,
            MenuItem.Tools => BotMode.Tools,
            _ => null,
        };
        if (mode is not { } chosen)
        {
            return false;
        }

        var settings = UserSettings.Of(account);
        if (settings.Mode != chosen)
        {
            settings = settings with { Mode = chosen };
            await accounts.SaveSettingsAsync(account.Id, settings.ToJson(), ct);
        }

        await context.SendAsync(message.Chat.Id, modes.Render(user.Language, chosen, settings, catalog.PlanOrFree(account.Plan)), ct);
        return true;
    }
}
