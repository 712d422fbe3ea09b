using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Admin;

/// <summary>The <c>Admin:StatsChart</c> section: the size of the <c>/stats</c> PNG.</summary>
public sealed class StatsChartOptions
{
    public const string Section = "Admin:StatsChart";

    public int Width { get; set; } = 1280;

    public int Height { get; set; } = 1080;
}

/// <summary>Draws the <c>/stats</c> chart; an interface so a test can make the drawing fail.</summary>
public interface IStatsChart
{
    byte[] RenderPng(Elumenta.Core.Admin.StatsReport report, string language);
}

public static class StatsChartServiceCollectionExtensions
{
    public static IServiceCollection AddStatsChart(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StatsChartOptions>()
            .Bind(configuration.GetSection(StatsChartOptions.Section))
            .Validate(o => o.Width is >= 320 and <= 4096 && o.Height is >= 320 and <= 4096,
                "Admin:StatsChart:Width and :Height must each be between 320 and 4096 pixels (Telegram takes photos up to 10000 in width + height).")
            .ValidateOnStart();
        services.TryAddSingleton<IStatsChart, StatsChart>();
        services.TryAddSingleton<StatsCommand>();
        return services;
    }
}
