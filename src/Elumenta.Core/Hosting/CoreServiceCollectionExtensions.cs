using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Coordination;
using Elumenta.Core.Generations;
using Elumenta.Core.Growth;
using Elumenta.Core.Limits;
using Elumenta.Core.Notifications;
using Elumenta.Core.Observability;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using Elumenta.Core.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Hosting;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Store, catalog, accounts, billing, limits and admission: everything the bot and the API share.</summary>
    public static IServiceCollection AddElumentaCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<StorageOptions>()
            .Configure(o =>
            {
                o.ConnectionString = configuration.GetConnectionString("Elumenta") is { Length: > 0 } cs ? cs : StorageOptions.DefaultPath;
                configuration.GetSection("Storage").Bind(o);
            })
            .Validate(o => o.BusyTimeoutMs is >= 100 and <= 120_000, "Storage:BusyTimeoutMs must be between 100 and 120000.")
            .Validate(o => o.Provider != StoreProvider.Postgres || StorageOptions.LooksLikePostgres(o.ConnectionString),
                "Storage:Provider is Postgres: ConnectionStrings:Elumenta must be an Npgsql connection string (Host=…;Database=…;Username=…).")
            .ValidateOnStart();
        services.AddSingleton<Store>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StoreProvider.Postgres
            ? new PostgresStore(sp.GetRequiredService<IOptions<StorageOptions>>())
            : new SqliteStore(sp.GetRequiredService<IOptions<StorageOptions>>()));
        services.TryAddSingleton<Effects>();
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<StoreInitializer>();
        services.AddMetrics();
        services.TryAddSingleton<ElumentaMetrics>();
        services.TryAddSingleton<Readiness>();
        services.AddCoordination(configuration);

        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection(CatalogOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogValidator>();
        services.AddSingleton<ModelCatalog>();

        services.AddOptions<BillingOptions>()
            .Bind(configuration.GetSection(BillingOptions.Section))
            .Validate(o => o.SignupGrantTokens >= 0 && o.RenewalGraceMinutes >= 0, "Billing values must not be negative.")
            .ValidateOnStart();
        services.AddCoreServices();
        services.AddGrowthCore(configuration);
        return services;
    }

    /// <summary>Instance identity, heartbeat, leases: registered right after the store so the heartbeat starts first and stops last.</summary>
    private static void AddCoordination(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CoordinationOptions>()
            .Bind(configuration.GetSection(CoordinationOptions.Section))
            .Validate(o => o.IsValid(), "Coordination:LeaseSeconds must be 0.5–600, HeartbeatSeconds at most half of it, ClaimSweepMs 10–10000.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new InstanceIdentity(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<Instances>();
        services.TryAddSingleton<Leases>();
        services.TryAddSingleton<Coordinator>();
        services.AddHostedService<InstanceHeartbeat>();
    }

    private static void AddCoreServices(this IServiceCollection services)
    {
        services.AddSingleton<AccountService>();
        services.AddSingleton<BillingService>();
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<Admission>();
        services.AddSingleton<GenerationStore>();
        services.AddSingleton<PollLeases>();
        services.AddSingleton<Orphans>();
        services.AddSingleton<GenerationHistory>();
        services.AddSingleton<OrderService>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<SupportTickets>();
        services.AddSingleton<NotificationPlanner>();
        services.AddSingleton<ApiKeyStore>();
    }
}
