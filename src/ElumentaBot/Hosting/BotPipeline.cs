using ElumentaBot.Accounts;
using ElumentaBot.Admin;
using ElumentaBot.ApiKeys;
using ElumentaBot.Cancel;
using ElumentaBot.Chat;
using ElumentaBot.Growth;
using ElumentaBot.InlineMode;
using ElumentaBot.Media;
using ElumentaBot.ModelPicker;
using ElumentaBot.Onboarding;
using ElumentaBot.Payments;
using ElumentaBot.Profile;
using ElumentaBot.Support;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Hosting;

/// <summary>
/// Who answers what, in one place: the gates every update passes in this order, then the route table the
/// features fill (each feature's <c>Map…</c> method lists its routes). A route claimed twice stops start-up.
/// </summary>
public static class BotPipeline
{
    /// <summary>
    /// Reachability first (a block must not be undone by the account refresh); the group filter before the account,
    /// so people talking among themselves in a group get no account; the ban gate needs the account.
    /// </summary>
    public static readonly Type[] Gates = [typeof(ReachabilityGate), typeof(GroupFilterGate), typeof(AccountGate), typeof(BanGate)];

    public static RouteTable BuildRoutes() => new RouteTable()
        .MapPayments()
        .MapSupport()
        .MapAdmin()
        .MapOnboarding()
        .MapGrowth()
        .MapProfile()
        .MapModels()
        .MapApiKeys()
        .MapChat()
        .MapInline()
        .MapMedia()
        .MapCancel();

    /// <summary>Builds the table now, so a route claimed twice fails while the host is being built.</summary>
    public static IServiceCollection AddBotPipeline(this IServiceCollection services)
    {
        var routes = BuildRoutes();
        return services.AddSingleton(routes).AddSingleton(sp =>
        {
            foreach (var change in sp.GetServices<RouteOverride>())
            {
                change.Apply(routes);
            }

            return new UpdatePipeline(routes, sp.GetRequiredService<MainMenu>(), Gates);
        });
    }
}
