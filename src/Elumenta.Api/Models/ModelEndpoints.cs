namespace Elumenta.Api.Models;

/// <summary><c>/api/v2/models</c>, <c>/models/{slug}</c>, <c>/models/{slug}/calculate-price</c>. TODO(#12 account).</summary>
public static class ModelEndpoints
{
    public static IServiceCollection AddModels(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapModels(this RouteGroupBuilder api) => api;
}
