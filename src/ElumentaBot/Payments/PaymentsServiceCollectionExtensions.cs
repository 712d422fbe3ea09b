using Elumenta.Core.Admin;
using Elumenta.Core.Notifications;
using Elumenta.Core.Payments;
using ElumentaBot.Admin;
using ElumentaBot.Notifications;
using ElumentaBot.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>
    /// Stars payments, support handoff, admin tools and the cycle scheduler. Their routes are in
    /// <see cref="PaymentRoutes.MapPayments"/>, <c>MapSupport</c> and <c>MapAdmin</c>.
    /// </summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<PaymentFollowUps>();
        services.TryAddSingleton<PlanOffers>();
        services.TryAddSingleton<Checkout>();
        services.TryAddSingleton<PaymentConfirmations>();
        services.TryAddSingleton<StarReconciliation>();
        services.TryAddSingleton<SubscriptionCanceller>();
        services.TryAddSingleton<Refunds>();
        services.TryAddSingleton<SupportLinks>();
        services.TryAddSingleton<TicketDesk>();
        services.AddScoped<PreCheckoutHandler>();
        services.AddScoped<PaymentMessageHandler>();
        services.AddScoped<SubscriptionHandler>();
        services.AddScoped<OffersHandler>();
        services.AddScoped<SupportHandler>();
        services.AddAdmin(configuration);
        services.AddCycleJobs(configuration);
        return services;
    }

    private static void AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BroadcastOptions>()
            .Bind(configuration.GetSection(BroadcastOptions.Section))
            .Validate(o => o.MessagesPerSecond is > 0 and <= 30, "Broadcast:MessagesPerSecond must be above 0 and at most 30 (Telegram's broadcast limit).")
            .Validate(o => o.ProgressEvery >= 1, "Broadcast:ProgressEvery must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<AdminStats>();
        services.TryAddSingleton<BroadcastAudience>();
        services.TryAddSingleton<Broadcasts>();
        services.TryAddSingleton<AdminReports>();
        services.AddStatsChart(configuration);
        services.TryAddSingleton<Broadcaster>();
        services.TryAddSingleton<AdminWrites>();
        services.AddHostedService(sp => sp.GetRequiredService<Broadcaster>());
        services.AddScoped<AdminHandler>();
    }

    private static void AddCycleJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>()
            .Bind(configuration.GetSection(SchedulerOptions.Section))
            .Validate(o => o.IntervalSeconds is >= 1 and <= 3600, "Scheduler:IntervalSeconds must be between 1 and 3600.")
            .Validate(o => o.ConfirmationGraceSeconds is >= 10 and <= 86_400, "Scheduler:ConfirmationGraceSeconds must be between 10 and 86400.")
            .ValidateOnStart();
        services.TryAddSingleton<PlanEndNotices>();
        services.TryAddSingleton<CycleNotices>();
        services.TryAddScoped<CycleJobs>();
        services.AddHostedService<CycleScheduler>();
    }
}
