using System.Net;
using Scalar.AspNetCore;

namespace Elumenta.Api.Hosting;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and its reference page (<c>/docs</c>, Scalar).</summary>
public static class ApiDocs
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer<ApiDocumentTransformer>();
            o.AddOperationTransformer<ApiOperationTransformer>();
        });

    public static void MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        // Scalar redirects "/docs" to "docs/" so that its page's relative script links resolve; the filter serves the
        // page at "/docs" itself instead, and <base> points those links at "/docs/" (where Scalar serves its scripts).
        app.MapScalarApiReference(PagePath, (options, http) =>
            {
                options.WithTitle("Elumenta REST API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableTelemetry().DisableAgent().DisableMcp().DisableDefaultFonts();
                options.HeadContent = $"<base href=\"{WebUtility.HtmlEncode(http.Request.PathBase + PagePath)}/\" />";
            })
            .AddEndpointFilter((context, next) =>
            {
                var request = context.HttpContext.Request;
                if (request.Path.Equals(PagePath, StringComparison.OrdinalIgnoreCase))
                {
                    request.Path = PagePath + "/";
                }

                return next(context);
            });
    }
}
