namespace Elumenta.Api.Auth;

/// <summary>
/// <c>/api/v2/auth/*</c> (api.md §1): Telegram Login Widget, email register / verify / login / refresh / forgot /
/// reset, with per-IP limits. TODO(#12 auth): not built yet.
/// </summary>
public static class AuthEndpoints
{
    public static IServiceCollection AddAuthEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddRateLimiter(_ => { });
        return services;
    }

    /// <summary>Forwarded headers are believed only from the proxies in configuration.</summary>
    public static WebApplication UseApiForwardedHeaders(this WebApplication app) => app;

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api) => api;
}
