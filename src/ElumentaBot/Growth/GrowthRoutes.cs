using ElumentaBot.Growth.Promo;
using ElumentaBot.Growth.Referrals;
using ElumentaBot.Transport;

namespace ElumentaBot.Growth;

public static class GrowthRoutes
{
    /// <summary><c>/invite</c> (the user's referral link and earnings) and <c>/promo</c> (redeem; admins also create, list, end).</summary>
    public static RouteTable MapGrowth(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Growth")
            .Command<InviteHandler>("invite", (h, c, ct) => h.InviteAsync(c, ct))
            .Command<PromoHandler>("promo", (h, c, ct) => h.PromoAsync(c, ct));
        return routes;
    }
}
