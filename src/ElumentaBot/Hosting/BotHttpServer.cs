using System.Text.Json;
using System.Text.Json.Serialization;
using Elumenta.Core.Storage;
using Elumenta.Core.Observability;
using ElumentaBot.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ElumentaBot.Hosting;

/// <summary>
/// The bot's HTTP side, a small Kestrel app hosted inside the bot's generic host (so the bot stays a host tests
/// build as before): the webhook endpoint in webhook mode, and <c>/health</c>, <c>/ready</c>, <c>/metrics</c>.
/// Runs in webhook mode always, in polling mode only when <c>Http:Urls</c> is set; otherwise it opens no port.
/// Its endpoints use the bot's own services (inbox, dispatcher, store, meter provider): no second container of them.
/// </summary>
public sealed class BotHttpServer(
    IServiceProvider services,
    IOptions<BotHttpOptions> http,
    IOptions<TelegramOptions> telegram,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private WebApplication? _app;

    /// <summary>The addresses bound (a port 0 resolved); empty when the server is off.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public bool Enabled => telegram.Value.IsWebhook || http.Value.HasUrls;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return;
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().UseUrls(http.Value.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddOptions();
        builder.Services.AddRoutingCore();
        // The bot's logging (Serilog, the test's captured providers): registered as an instance, so this app does not dispose it.
        builder.Services.AddSingleton(loggers);
        var app = builder.Build();
        Map(app);
        services.GetRequiredService<ElumentaMetrics>().ObserveInboxBacklog(services.GetRequiredService<Store>());
        await app.StartAsync(cancellationToken);
        Addresses = [.. app.Urls.Select(u => new Uri(u))];
        _app = app;
        loggers.CreateLogger<BotHttpServer>().LogInformation("Listening on {Urls} ({Endpoints})", string.Join(", ", app.Urls),
            telegram.Value.IsWebhook ? $"webhook {telegram.Value.Webhook.Path}, /health, /ready, /metrics" : "/health, /ready, /metrics");
    }

    private void Map(WebApplication app)
    {
        app.UseRouting();
        if (telegram.Value.IsWebhook)
        {
            var receiver = services.GetRequiredService<WebhookReceiver>();
            app.MapPost(telegram.Value.Webhook.Path, receiver.HandleAsync);
        }

        app.MapGet("/health", context => WriteJsonAsync(context, StatusCodes.Status200OK, new { status = "ok" }));
        var readiness = services.GetRequiredService<Readiness>();
        app.MapGet("/ready", async context =>
        {
            var report = await readiness.CheckAsync(context.RequestAborted);
            await WriteJsonAsync(context, report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, report);
        });
        app.MapPrometheusScrapingEndpoint("/metrics", services.GetRequiredService<MeterProvider>(), null, null);
    }

    private static Task WriteJsonAsync<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
