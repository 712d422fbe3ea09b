using System.Text.Json;
using System.Text.Json.Serialization;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Api.Generate;
using Elumenta.Api.Keys;
using Elumenta.Api.Limits;
using Elumenta.Api.Models;
using Elumenta.Api.Operator;
using Elumenta.Api.Support;
using Elumenta.Api.Users;
using Elumenta.Core.Hosting;
using Elumenta.Providers;
using Elumenta.Providers.Jobs;
using Serilog;

namespace Elumenta.Api.Hosting;

public static class ApiHost
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The whole API; tests build the same app with their own configuration and services.</summary>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? overrides = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        // The bot's sources, in the bot's order (config files, environment, command line), so both programs
        // read one configuration the same way.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddEnvironmentVariables("ASPNETCORE_");
        builder.Configuration.AddElumentaSources(args);
        overrides?.Invoke(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext()
                .Filter.ByExcluding(ApiStartup.IsPrintedInstead),
            preserveStaticLogger: true, writeToProviders: true);

        builder.Services.AddElumentaCore(builder.Configuration);
        builder.Services.AddProviders(builder.Configuration);
        // This process polls and settles the API's own async jobs; the bot polls the bot's.
        builder.Services.PostConfigure<JobsOptions>(o => o.Source = "api");

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DictionaryKeyPolicy = null;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddApiErrors();
        builder.Services.AddApiAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton<RateLimitHeaders>();
        builder.Services.AddAuthEndpoints(builder.Configuration);
        builder.Services.AddGenerate(builder.Configuration);
        builder.Services.AddModels();
        builder.Services.AddUsers();
        builder.Services.AddKeys();
        builder.Services.AddSupport(builder.Configuration);
        builder.Services.AddApiDocs();
        builder.Services.AddApiMetrics();
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseApiForwardedHeaders();
        app.UseApiErrors();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        MapRoutes(app);
        return app;
    }

    /// <summary>Every route of api.md §2, by area; the authenticated group resolves the caller first (<see cref="CallerFilter"/>).</summary>
    private static void MapRoutes(WebApplication app)
    {
        app.MapHealth();
        app.MapApiDocs();

        var api = app.MapGroup("/api/v2");
        api.MapAuth();
        api.MapModels();
        api.MapSupport();

        var caller = api.MapGroup("").RequireAuthorization().AddEndpointFilter<CallerFilter>();
        caller.MapGenerate();
        caller.MapUsers();
        caller.MapKeys();
    }
}
