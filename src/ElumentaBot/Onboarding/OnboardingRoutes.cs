using ElumentaBot.Transport;

namespace ElumentaBot.Onboarding;

public static class OnboardingRoutes
{
    /// <summary>/start, /help, /terms, and the fallback: unknown commands and stale buttons (plain input gets nothing).</summary>
    public static RouteTable MapOnboarding(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Feature("Onboarding")
            .Command<StartHandler>("start", (h, c, ct) => h.StartAsync(c, ct))
            .Command<HelpHandler>("help", (h, c, ct) => h.HelpAsync(c, ct))
            .Command<HelpHandler>("terms", (h, c, ct) => h.TermsAsync(c, ct))
            .Fallback<UnknownCommandHandler>((h, c, ct) => h.FallbackAsync(c, ct));
        return routes;
    }
}
