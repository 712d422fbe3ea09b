using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Profile;

public static class ProfileRoutes
{
    /// <summary>
    /// /balance, /settings, /lang, their buttons (<c>set:</c>, <c>lang:</c>), and the reply keyboard's mode and
    /// Profile buttons (its Plans button is the payments feature's).
    /// </summary>
    public static RouteTable MapProfile(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Profile")
            .Command<BalanceHandler>("balance", (h, c, ct) => h.BalanceAsync(c, ct))
            .Menu<BalanceHandler>(MenuItem.Profile, (h, c, ct) => h.BalanceAsync(c, ct))
            .Command<SettingsHandler>("settings", (h, c, ct) => h.CommandAsync(c, ct))
            .Callback<SettingsHandler>(SettingsScreens.Prefix, (h, c, ct) => h.CallbackAsync(c, ct))
            .Command<LanguageHandler>("lang", (h, c, ct) => h.CommandAsync(c, ct))
            .Callback<LanguageHandler>(LanguageHandler.Prefix, (h, c, ct) => h.CallbackAsync(c, ct))
            .Menu<ModeHandler>(MenuItem.Chat, (h, c, ct) => h.SwitchAsync(c, BotMode.Chat, ct))
            .Menu<ModeHandler>(MenuItem.Image, (h, c, ct) => h.SwitchAsync(c, BotMode.Image, ct))
            .Menu<ModeHandler>(MenuItem.Video, (h, c, ct) => h.SwitchAsync(c, BotMode.Video, ct))
            .Menu<ModeHandler>(MenuItem.Audio, (h, c, ct) => h.SwitchAsync(c, BotMode.Audio, ct))
            .Menu<ModeHandler>(MenuItem.Tools, (h, c, ct) => h.SwitchAsync(c, BotMode.Tools, ct));
        return routes;
    }
}
