using Elumenta.Core.Hosting;
using Elumenta.Providers;
using ElumentaBot.Cancel;
using ElumentaBot.Chat;
using ElumentaBot.Growth;
using ElumentaBot.InlineMode;
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

        // Providers added by a test host still receive every event (writeToProviders); the static bootstrap
        // logger is kept so several hosts in one process do not replace each other's.
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext(),
            preserveStaticLogger: true, writeToProviders: true);

        builder.Services.AddElumentaCore(builder.Configuration);
        builder.Services.AddProviders(builder.Configuration);
        builder.Services.AddBotTransport(builder.Configuration);
        builder.Services.AddPayments(builder.Configuration);
        builder.Services.AddOnboarding();
        builder.Services.AddGrowth();
        builder.Services.AddChat(builder.Configuration);
        builder.Services.AddInline();
        builder.Services.AddMedia(builder.Configuration);
        builder.Services.AddCancel();
        // Who answers what: see BotPipeline (gates in order, then the route table every feature fills).
        builder.Services.AddBotPipeline();
        // Last: webhook mode, /health, /ready, /metrics (its server starts after the rest and stops first).
        builder.Services.AddBotHttp(builder.Configuration);
        return builder;
    }
}
