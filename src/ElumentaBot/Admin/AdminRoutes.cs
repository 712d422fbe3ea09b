using ElumentaBot.Transport;

namespace ElumentaBot.Admin;

public static class AdminRoutes
{
    /// <summary>Claimed for everyone; a non-admin (or an admin outside a private chat) is handed to the fallback.</summary>
    public static RouteTable MapAdmin(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Admin").Commands<AdminHandler>(AdminHandler.Commands, (h, c, ct) => h.RunAsync(c, ct));
        return routes;
    }
}
