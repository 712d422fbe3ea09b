namespace Elumenta.Api.Hosting;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/docs</c>). TODO(#12 account).</summary>
public static class ApiDocs
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services) => services;

    public static void MapApiDocs(this WebApplication app)
    {
    }
}
