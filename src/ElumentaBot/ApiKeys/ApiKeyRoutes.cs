using ElumentaBot.Transport;

namespace ElumentaBot.ApiKeys;

public static class ApiKeyRoutes
{
    /// <summary>/apikey [new name] and its <c>key:</c> buttons.</summary>
    public static RouteTable MapApiKeys(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("ApiKeys")
            .Command<ApiKeyHandler>("apikey", (h, c, ct) => h.CommandAsync(c, ct))
            .Callback<ApiKeyHandler>(ApiKeyScreens.Prefix, (h, c, ct) => h.CallbackAsync(c, ct));
        return routes;
    }
}
