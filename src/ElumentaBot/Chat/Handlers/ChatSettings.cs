using Elumenta.Core.Accounts;
using ElumentaBot.Profile;

namespace ElumentaBot.Chat.Handlers;

internal static class ChatSettings
{
    /// <summary>
    /// The account's settings with <see cref="UserSettings.Models"/> never null: <c>UserSettings.Parse("{}")</c> currently
    /// leaves it null, which would make <see cref="UserSettings.SelectedModel"/> throw for every new account.
    /// </summary>
    public static UserSettings Of(Account account)
    {
        var settings = UserSettings.Of(account);
        return settings.Models is null ? settings with { Models = [] } : settings;
    }
}
