using ElumentaBot.Transport;

namespace ElumentaBot.Support;

public static class SupportRoutes
{
    public static RouteTable MapSupport(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Support")
            .Command<SupportHandler>("support", (h, c, ct) => h.GeneralAsync(c, ct))
            .Command<SupportHandler>("paysupport", (h, c, ct) => h.PaymentAsync(c, ct))
            .Callback<SupportHandler>(SupportHandler.Prefix, (h, c, ct) => h.CallbackAsync(c, ct));
        return routes;
    }
}
