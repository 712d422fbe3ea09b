using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.InlineMode;

public static class InlineServiceCollectionExtensions
{
    /// <summary>Inline mode (routes in <see cref="InlineRoutes"/>); reuses chat's streaming, formatting and delivery.</summary>
    public static IServiceCollection AddInline(this IServiceCollection services)
    {
        services.TryAddSingleton<InlineAnswers>();
        services.TryAddSingleton<InlineTexts>();
        services.TryAddSingleton<InlineRecovery>();
        services.TryAddSingleton<InlineRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<InlineRunner>());
        services.AddScoped<InlineQueryHandler>();
        services.AddScoped<ChosenResultHandler>();
        services.AddScoped<FullAnswerHandler>();
        return services;
    }
}
