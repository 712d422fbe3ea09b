using Elumenta.Core.Hosting;
using Elumenta.Providers;
using ElumentaBot.Chat;
using ElumentaBot.Media;
using ElumentaBot.Onboarding;
using ElumentaBot.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;

namespace ElumentaBot.Hosting;

public static class BotHost
{
    /// <summary>The whole bot as a generic host; tests build the same host with their own overrides.</summary>
    public static HostApplicationBuilder CreateBuilder(string[] args, Action<IConfigurationBuilder>? overrides = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddElumentaSources(args);
        overrides?.Invoke(builder.Configuration);

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(CreateLogger(builder.Configuration), dispose: true);

        builder.Services.AddElumentaCore(builder.Configuration);
        builder.Services.AddProviders(builder.Configuration);
        builder.Services.AddBotTransport(builder.Configuration);
        // Payments first: pre-checkout and payment messages are never judged by anything else.
        builder.Services.AddPayments(builder.Configuration);
        builder.Services.AddOnboarding();
        builder.Services.AddChat(builder.Configuration);
        builder.Services.AddMedia(builder.Configuration);
        // Last: answers what no feature took (unknown commands, stale buttons); never plain text.
        builder.Services.AddUnknownCommandFallback();
        return builder;
    }

    private static Serilog.ILogger CreateLogger(IConfiguration configuration) =>
        new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
}
