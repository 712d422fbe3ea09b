using ElumentaBot.Accounts;
using ElumentaBot.BotApi;
using ElumentaBot.Dispatch;
using ElumentaBot.Localization;
using ElumentaBot.Outbound;
using ElumentaBot.Polling;
using ElumentaBot.Profile;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Hosting;

public static class TransportServiceCollectionExtensions
{
    /// <summary>The Bot API client, pacing, the inbox, polling and dispatch, and the built-in handlers.</summary>
    public static IServiceCollection AddBotTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TelegramOptions>()
            .Bind(configuration.GetSection(TelegramOptions.Section))
            .Validate(o => !o.PollingEnabled || IsToken(o.BotToken), "Telegram:BotToken must be set (digits:secret) when polling is enabled.")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", "Telegram:ApiBaseUrl must be an absolute http(s) URL.")
            .Validate(o => o.PollTimeoutSeconds is >= 0 and <= 50, "Telegram:PollTimeoutSeconds must be between 0 and 50.")
            .Validate(o => o.PollLimit is >= 1 and <= 100, "Telegram:PollLimit must be between 1 and 100.")
            .Validate(o => o.MaxConcurrentUpdates >= 1 && o.MaxHandlerAttempts >= 1, "Telegram:MaxConcurrentUpdates and MaxHandlerAttempts must be positive.")
            .ValidateOnStart();
        services.AddOptions<PacingOptions>()
            .Bind(configuration.GetSection(PacingOptions.Section))
            .Validate(o => o.PrivateBurst >= 1 && o.PrivatePerSecond > 0 && o.GroupBurst >= 1 && o.GroupPerMinute >= 1
                && o.GlobalLimit >= 1 && o.GlobalWindowMs >= 1 && o.GlobalBurst >= 1, "Telegram:Pacing limits must be positive.")
            .ValidateOnStart();

        services.AddHttpClient<BotApiTransport>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The default loggers write request URIs, and the URI contains the token.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<RedactingLoggingHandler>();
        services.TryAddTransient<RedactingLoggingHandler>();
        services.TryAddSingleton<OutboundPacer>();
        services.TryAddSingleton<OutboundPolicy>();
        services.TryAddSingleton<IBotApi>(sp => ActivatorUtilities.CreateInstance<BotApiClient>(sp, sp.GetRequiredService<BotApiTransport>()));

        services.TryAddSingleton<UpdateInbox>();
        services.TryAddSingleton<UpdateDispatcher>();
        services.AddHostedService<PollingService>();

        services.TryAddSingleton<Localizer>();
        services.TryAddSingleton<MainMenu>();
        services.AddScoped<CurrentUser>();
        services.AddUpdateHandler<ReachabilityHandler>();
        services.AddUpdateHandler<AccountHandler>();
        return services;
    }

    private static bool IsToken(string? token) =>
        token?.Split(':') is [var id, { Length: > 0 }] && id.Length > 0 && id.All(char.IsAsciiDigit);
}
