namespace Elumenta.Api.Keys;

/// <summary><c>/api/v2/keys</c>: the same keys as the bot's /apikey. TODO(#12 account).</summary>
public static class KeyEndpoints
{
    public static IServiceCollection AddKeys(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder caller) => caller;
}
