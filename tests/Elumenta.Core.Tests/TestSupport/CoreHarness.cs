using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Storage;
using Elumenta.Tests.Shared;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.TestSupport;

/// <summary>
/// The real core on a real SQLite file in a temp folder, migrated with the real migrations and priced
/// with the real <c>config/catalog.json</c>. <see cref="SecondProcess"/> opens the same file through an
/// independent store, as the API process would.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    private static readonly Lazy<ModelCatalog> RealCatalog = new(LoadCatalog);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "elumenta-tests", Guid.NewGuid().ToString("N"));

    private CoreHarness(ManualClock clock, string? postgres)
    {
        Directory.CreateDirectory(_dir);
        Clock = clock;
        DatabasePath = Path.Combine(_dir, "elumenta.db");
        PostgresConnectionString = postgres;
        Func<Store> open = postgres is null ? () => new SqliteStore(DatabasePath) : () => new PostgresStore(postgres);
        Main = new CoreServices(open(), Catalog, clock);
        SecondProcess = new CoreServices(open(), Catalog, clock);
    }

    /// <summary>The engine under test (<c>ELUMENTA_TEST_STORE</c>).</summary>
    public static StoreProvider Provider => TestStores.Provider;

    public ManualClock Clock { get; }
    public string DatabasePath { get; }

    /// <summary>The test's own PostgreSQL database, or null on SQLite.</summary>
    public string? PostgresConnectionString { get; }
    public CoreServices Main { get; }
    public CoreServices SecondProcess { get; }
    public static ModelCatalog Catalog => RealCatalog.Value;

    /// <summary>For what only SQLite has (PRAGMAs, the file lock): the embedded store whatever the suite runs on.</summary>
    public static async Task<CoreHarness> StartSqliteAsync(ManualClock? clock = null)
    {
        var harness = new CoreHarness(clock ?? new ManualClock(), null);
        await new MigrationRunner(harness.Main.Store, Options.Create(new StorageOptions()), NullLogger<MigrationRunner>.Instance).ApplyAsync();
        return harness;
    }

    public static async Task<CoreHarness> StartAsync(ManualClock? clock = null)
    {
        if (Provider == StoreProvider.Postgres)
        {
            // The copy of a template the real PostgreSQL migrations built.
            return new CoreHarness(clock ?? new ManualClock(), await TestStores.NewPostgresDatabaseAsync());
        }

        return await StartSqliteAsync(clock);
    }

    public Task<Account> NewAccountAsync(long telegramUserId = 1001, string? languageCode = "ru") =>
        Main.Accounts.GetOrCreateAsync(new TelegramUserInfo(telegramUserId, $"user{telegramUserId}", "Test", languageCode)).ContinueWith(t => t.Result.Account, TaskScheduler.Default);

    /// <summary>An account on <paramref name="plan"/> with a fresh cycle (and the 50-token sign-up bonus).</summary>
    public async Task<Account> NewAccountOnPlanAsync(string plan, long telegramUserId = 1001)
    {
        var account = await NewAccountAsync(telegramUserId);
        await Main.Billing.StartCycleAsync(account.Id, new CycleStart(plan) { PaymentChargeId = $"charge-{telegramUserId}-{plan}" });
        return (await Main.Accounts.FindAsync(account.Id))!;
    }

    public async Task<Account> ReloadAsync(Account account) => (await Main.Accounts.FindAsync(account.Id))!;

    /// <summary>Every pool equals the sum of its ledger entries and none is negative.</summary>
    public async Task AssertBooksBalanceAsync()
    {
        var mismatches = await Main.Store.ReadAsync(c => Ledger.FindMismatchesAsync(c));
        Assert.Empty(mismatches);
    }

    public Task<List<(string Kind, string Pool, long Amount)>> LedgerAsync(long accountId) =>
        Main.Store.ReadAsync(async c => (await c.QueryAsync<(string, string, long)>(
            "SELECT kind, pool, amount FROM ledger WHERE account_id = @accountId ORDER BY id", new { accountId })).ToList());

    /// <summary>Every test that used the harness ends by proving the books balance.</summary>
    public async ValueTask DisposeAsync()
    {
        var mismatches = await Main.Store.ReadAsync(c => Ledger.FindMismatchesAsync(c));
        await Main.Store.DisposeAsync();
        await SecondProcess.Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger on some platforms; the temp folder is disposable anyway.
        }

        Assert.Empty(mismatches);
    }

    private static ModelCatalog LoadCatalog()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "catalog.json"))
            .Build();
        var options = configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>()!;
        return new ModelCatalog(Options.Create(options));
    }
}

/// <summary>One process's view of the core: its own store (own write gate, own connections).</summary>
public sealed class CoreServices
{
    public CoreServices(Store store, ModelCatalog catalog, TimeProvider clock)
    {
        Store = store;
        var billingOptions = Options.Create(new BillingOptions());
        Accounts = new AccountService(Store, clock, billingOptions);
        Billing = new BillingService(Store, catalog, clock, billingOptions, NullLogger<BillingService>.Instance);
        Limits = new RateLimiter(Store, catalog, clock);
        Admission = new Admission(Store, catalog, clock, billingOptions);
        Generations = new GenerationStore(Store, clock);
    }

    public Store Store { get; }
    public AccountService Accounts { get; }
    public BillingService Billing { get; }
    public RateLimiter Limits { get; }
    public Admission Admission { get; }
    public GenerationStore Generations { get; }
}
