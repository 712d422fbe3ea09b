using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Hosting;

public static class TransportServiceCollectionExtensions
{
    /// <summary>Telegram.Bot's client behind our outbound policy, the inbox, polling, the gates and the route table.</summary>
    public static IServiceCollection AddBotTransport(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<TelegramOptions>()
            .Bind(configuration.GetSection(TelegramOptions.Section))
            .Validate(o => !o.PollingEnabled || IsToken(o.BotToken), "Telegram:BotToken must be set (digits:secret, from @BotFather) when polling is enabled.")
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

        services.AddHttpClient(BotClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(3) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The default loggers write request URIs, and the URI contains the token.
            .RemoveAllLoggers()
            .AddHttpMessageHandler<RedactingLoggingHandler>();
        services.TryAddTransient<RedactingLoggingHandler>();
        services.TryAddSingleton<OutboundPacer>();
        services.TryAddSingleton<ITelegramBotClient>(sp => ActivatorUtilities.CreateInstance<PacedBotClient>(sp, CreateLibraryClient(sp)));

        services.TryAddSingleton<BusyChats>();
        services.TryAddSingleton<ChatClaims>();
        services.TryAddSingleton<UpdateInbox>();
        services.TryAddSingleton<UpdateDispatcher>();
        services.AddHostedService<PollingService>();
        // After polling: stopped first, so it drains the dispatcher before giving the claims up.
        services.AddHostedService<ChatClaimSweep>();

        services.TryAddSingleton<Localizer>();
        services.TryAddSingleton<MainMenu>();
        services.TryAddSingleton<BotIdentity>();
        services.AddScoped<CurrentUser>();
        services.AddScoped<ReachabilityGate>();
        services.AddScoped<GroupFilterGate>();
        services.AddScoped<AccountGate>();
        services.AddScoped<BanGate>();
        return services;
    }

    private const string BotClientName = "telegram-bot-api";

    private static TelegramBotClient CreateLibraryClient(IServiceProvider services)
    {
        BotJson.Configure();
        var options = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(BotClientName);
        // A token is required to build the client; hosts that never call Telegram (tools, some tests) get a placeholder.
        var token = IsToken(options.BotToken) ? options.BotToken : "0:unset";
        // RetryThreshold 0: the outbound policy owns 429s (pacing per chat, a global pause), not the library.
        return new TelegramBotClient(new TelegramBotClientOptions(token, options.ApiRoot.ToString().TrimEnd('/')) { RetryThreshold = 0 }, http);
    }

    internal static bool IsToken(string? token) =>
        token?.Split(':') is [var id, { Length: > 0 }] && id.Length > 0 && id.All(char.IsAsciiDigit);
}
