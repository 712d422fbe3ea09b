using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Hosting;

public static class HealthEndpoints
{
    /// <summary><c>GET /health</c>: the process answers and the store can be read.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (Store store, CancellationToken ct) =>
        {
            try
            {
                await store.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM schema_migrations", cancellationToken: ct)), ct);
                return Results.Json(new { status = "ok", store = "ok" });
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return Results.Json(new { status = "unhealthy", store = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).WithTags("Health").ExcludeFromDescription();
    }
}
