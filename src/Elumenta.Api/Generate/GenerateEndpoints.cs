namespace Elumenta.Api.Generate;

/// <summary><c>/api/v2/generate</c>, <c>/generate/stream</c>, <c>/generate/{id}</c>, <c>/stt</c> (api.md §3, §4). TODO(#12 generate).</summary>
public static class GenerateEndpoints
{
    public static IServiceCollection AddGenerate(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static RouteGroupBuilder MapGenerate(this RouteGroupBuilder caller) => caller;
}
