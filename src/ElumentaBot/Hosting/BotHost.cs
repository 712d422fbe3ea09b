using Elumenta.Core.Hosting;
using Elumenta.Providers;
using ElumentaBot.Chat;
using ElumentaBot.Media;
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
        builder.Services.AddChat(builder.Configuration);
        builder.Services.AddMedia(builder.Configuration);
        return builder;
    }

    private static Serilog.ILogger CreateLogger(IConfiguration configuration) =>
        new LoggerConfiguration()
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
}
