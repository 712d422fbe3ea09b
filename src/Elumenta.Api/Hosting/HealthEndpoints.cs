using Elumenta.Core.Observability;
using OpenTelemetry.Metrics;

namespace Elumenta.Api.Hosting;

public static class HealthEndpoints
{
    /// <summary>The OpenTelemetry metrics of both programs: the Elumenta meter and the .NET runtime.</summary>
    public static IServiceCollection AddApiMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ElumentaMetrics.MeterName).AddRuntimeInstrumentation().AddPrometheusExporter());
        return services;
    }

    /// <summary>
    /// <c>GET /health</c>: liveness, the process answers (no store access). <c>GET /ready</c>: the store answers and every
    /// migration is applied, else 503 with the reason. <c>GET /metrics</c>: Prometheus text. None is in the OpenAPI
    /// document, none needs a credential, none is rate limited or carries X-RateLimit headers.
    /// </summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Json(new { status = "ok" }))
            .ExcludeFromDescription().AllowAnonymous().DisableRateLimiting();
        app.MapGet("/ready", async (Readiness readiness, CancellationToken ct) =>
            {
                var report = await readiness.CheckAsync(ct);
                return Results.Json(report, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
            })
            .ExcludeFromDescription().AllowAnonymous().DisableRateLimiting();
        app.MapPrometheusScrapingEndpoint("/metrics")
            .ExcludeFromDescription().AllowAnonymous().DisableRateLimiting();
    }
}
