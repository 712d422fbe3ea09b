namespace Elumenta.Api.Support;

/// <summary><c>/api/v2/support/tickets/{code}</c> for the support bot, with a service key. TODO(#12 account).</summary>
public static class SupportEndpoints
{
    public static IServiceCollection AddSupport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static RouteGroupBuilder MapSupport(this RouteGroupBuilder api) => api;
}
