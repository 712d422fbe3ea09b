using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Coordination;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Storage;
using Elumenta.Providers.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Tests.Infrastructure;

/// <summary>
/// The real core (SQLite file, migrations, real catalog, admission, settlement) plus a provider fake, with
/// one "process" (DI container with its own poller) that can be thrown away and started again.
/// </summary>
public sealed class JobHarness : IAsyncDisposable
{
    private static readonly Lazy<ModelCatalog> RealCatalog = new(LoadCatalog);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "elumenta-provider-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings = [];

    private JobHarness(FakeServer fake, string? postgres = null)
    {
        Fake = fake;
        Directory.CreateDirectory(_dir);
        PostgresConnectionString = postgres;
        Store = postgres is null ? new SqliteStore(Path.Combine(_dir, "elumenta.db")) : new PostgresStore(postgres);
        Generations = new GenerationStore(Store, Clock);
        Limits = new RateLimiter(Store, Catalog, Clock);
    }

    public ManualClock Clock { get; } = new();
    public FakeServer Fake { get; }
    public Store Store { get; }
    public GenerationStore Generations { get; }
    public RateLimiter Limits { get; }
    public static ModelCatalog Catalog => RealCatalog.Value;
    public RecordingListener Listener { get; } = new();
    public ServiceProvider? Process { get; private set; }
    public JobPoller Poller => Process!.GetRequiredService<JobPoller>();
    public ModelRouter Router => Process!.GetRequiredService<ModelRouter>();

    /// <summary>The test's own PostgreSQL database (<see cref="StartOnPostgresAsync"/>), or null on SQLite.</summary>
    public string? PostgresConnectionString { get; }

    public static Task<JobHarness> StartAsync(params (ProviderName Provider, string BasePath)[] providers) => StartAsync(null, providers);

    /// <summary>On a PostgreSQL database of its own, for several instances; null where PostgreSQL is not installed.</summary>
    public static async Task<JobHarness?> StartOnPostgresAsync(params (ProviderName Provider, string BasePath)[] providers) =>
        await Elumenta.Tests.Shared.PostgresCluster.SharedOrSkipAsync() is null
            ? null
            : await StartAsync(await Elumenta.Tests.Shared.TestStores.NewPostgresDatabaseAsync(), providers);

    private static async Task<JobHarness> StartAsync(string? postgres, (ProviderName Provider, string BasePath)[] providers)
    {
        var fake = await FakeServer.StartAsync();
        var h = new JobHarness(fake, postgres);
        if (postgres is null)
        {
            await new MigrationRunner(h.Store, Options.Create(new StorageOptions()), NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }

        foreach (var (provider, basePath) in providers)
        {
            h._settings[$"Providers:{provider}:BaseUrl"] = fake.Url + basePath;
            h._settings[$"Providers:{provider}:ApiKey"] = ProviderHarness.KeyOf(provider);
            h._settings[$"Providers:{provider}:RetryBaseDelay"] = "00:00:00.010";
            h._settings[$"Providers:{provider}:MaxRetries"] = "0";
        }

        h._settings["Providers:Jobs:ResultsPath"] = Path.Combine(h._dir, "results");
        h.StartProcess();
        return h;
    }

    /// <summary>A fresh container over the same database: what a restart looks like to the poller.</summary>
    public void StartProcess()
    {
        Process?.Dispose();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Generations);
        services.AddSingleton(Catalog);
        services.AddSingleton<IJobListener>(Listener);
        services.AddProviders(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
        Process = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        // The host builds its hosted services at start; the poller's notion of "before I started" begins here.
        _ = Process.GetRequiredService<JobPoller>();
    }

    /// <summary>
    /// One more instance on the PostgreSQL database: its own store, poller, identity and coordination (leases of
    /// <paramref name="leaseSeconds"/>), as another machine behind the load balancer would have.
    /// </summary>
    public ServiceProvider StartInstance(double leaseSeconds)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Store>(_ => new PostgresStore(PostgresConnectionString!));
        services.AddSingleton<GenerationStore>();
        services.AddSingleton<PollLeases>();
        services.AddSingleton(new InstanceIdentity(Clock));
        services.AddSingleton<Leases>();
        services.AddSingleton<Coordinator>();
        services.AddSingleton(Options.Create(new CoordinationOptions { Enabled = true, LeaseSeconds = leaseSeconds }));
        services.AddSingleton(Catalog);
        services.AddSingleton<IJobListener>(Listener);
        services.AddProviders(new ConfigurationBuilder().AddInMemoryCollection(_settings).Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>An account on the basic plan and one admitted generation of <paramref name="slug"/>.</summary>
    public async Task<(Account Account, long GenerationId, int Price)> AdmitAsync(
        string slug, Dictionary<string, string>? options = null, string source = "bot", long telegramUserId = 1001, InstanceIdentity? admitter = null)
    {
        var billingOptions = Options.Create(new BillingOptions());
        var accounts = new AccountService(Store, Clock, billingOptions);
        var account = (await accounts.GetOrCreateAsync(new TelegramUserInfo(telegramUserId, "user", "Test", "en"))).Account;
        await new BillingService(Store, Catalog, Clock, billingOptions, NullLogger<BillingService>.Instance)
            .StartCycleAsync(account.Id, new CycleStart("basic") { PaymentChargeId = $"charge-{telegramUserId}" });
        var admitted = Assert.IsType<AdmissionResult.Admitted>(await new Admission(Store, Catalog, Clock, instance: admitter)
            .AdmitAsync(new AdmissionRequest(account.Id, slug) { Options = options, Prompt = "test", Source = source }));
        return ((await accounts.FindAsync(account.Id))!, admitted.GenerationId, admitted.Price);
    }

    public async Task<Account> ReloadAsync(Account account) =>
        (await new AccountService(Store, Clock, Options.Create(new BillingOptions())).FindAsync(account.Id))!;

    public async ValueTask DisposeAsync()
    {
        Process?.Dispose();
        Store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Fake.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static ModelCatalog LoadCatalog()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "catalog.json"))
            .Build();
        return new ModelCatalog(Options.Create(configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>()!));
    }
}

public sealed class RecordingListener : IJobListener
{
    public List<JobSettled> Settled { get; } = [];

    public Task OnSettledAsync(JobSettled settled, CancellationToken ct)
    {
        lock (Settled)
        {
            Settled.Add(settled);
        }

        return Task.CompletedTask;
    }
}
