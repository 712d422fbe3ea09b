using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Cancel;

/// <summary><c>/cancel</c> is one route in every mode: it stops the chat's media jobs and its chat answers alike.</summary>
public static class CancelRoutes
{
    public static RouteTable MapCancel(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Cancel").Command<CancelHandler>("cancel", (h, c, ct) => h.CancelAsync(c, ct));
        return routes;
    }

    public static IServiceCollection AddCancel(this IServiceCollection services) => services.AddScoped<CancelHandler>();
}
