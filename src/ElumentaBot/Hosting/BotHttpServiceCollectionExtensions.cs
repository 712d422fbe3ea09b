using System.Text.RegularExpressions;
using Elumenta.Core.Observability;
using ElumentaBot.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ElumentaBot.Hosting;

public static partial class BotHttpServiceCollectionExtensions
{
    /// <summary>Webhook mode (receiver, registration), the HTTP server and the metrics it exports.</summary>
    public static IServiceCollection AddBotHttp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BotHttpOptions>().Bind(configuration.GetSection(BotHttpOptions.Section));
        services.AddOptions<TelegramOptions>()
            .Validate(o => !o.IsWebhook || IsWebhookUrl(o.Webhook.Url),
                "Telegram:WebhookUrl must be an absolute https URL (http only for a loopback host) when Telegram:Mode is Webhook.")
            .Validate(o => !o.IsWebhook || SecretPattern().IsMatch(o.Webhook.SecretToken),
                "Telegram:WebhookSecret must be 1-256 characters of A-Z a-z 0-9 _ - when Telegram:Mode is Webhook.")
            .Validate(o => o.Webhook.Path.StartsWith('/') && !o.Webhook.Path.Contains('?', StringComparison.Ordinal),
                "Telegram:Webhook:Path must start with / (default /telegram/webhook).")
            .Validate(o => o.Webhook.MaxBodyBytes >= 1024 && o.Webhook.MaxConnections is >= 1 and <= 100,
                "Telegram:Webhook:MaxBodyBytes must be at least 1024 and MaxConnections between 1 and 100.")
            .Validate<IOptions<BotHttpOptions>>((o, http) => !o.IsWebhook || http.Value.HasUrls,
                "Http:Urls must be set (for example http://0.0.0.0:8443) when Telegram:Mode is Webhook: it is where the webhook listens.")
            .ValidateOnStart();

        services.TryAddSingleton<WebhookReceiver>();
        services.AddHostedService<WebhookService>();
        services.TryAddSingleton<BotHttpServer>();
        // Registered last by BotHost: it starts after everything else and stops first (no request meets a stopped dispatcher).
        services.AddHostedService(sp => sp.GetRequiredService<BotHttpServer>());
        // Only where /metrics can be scraped: an OpenTelemetry meter provider listening to every update cost the
        // bot ~15% of its updates per second in the peer bench (1.00-1.09x grammY without it, 0.80-0.85x with it).
        if (configuration.GetSection(BotHttpOptions.Section).Get<BotHttpOptions>() is { HasUrls: true })
        {
            services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(ElumentaMetrics.MeterName).AddRuntimeInstrumentation().AddPrometheusExporter());
        }

        return services;
    }

    internal static bool IsWebhookUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        && string.IsNullOrEmpty(uri.Fragment);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretPattern();
}
