using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Billing;
using Elumenta.Core.Hosting;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Elumenta.Api.Tests.CrossProcess;

/// <summary>
/// The core services of neither program, on the file both programs use: the test seeds accounts, plans and keys
/// through them (never by hand-written SQL) and reads the outcome back from the same store.
/// </summary>
internal sealed class SharedStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SharedStore(ServiceProvider services, string path)
    {
        _services = services;
        Path = path;
    }

    public string Path { get; }

    public Store Store => Get<Store>();

    public static Task<SharedStore> CreateAsync(string path) =>
        CreateAsync(new Dictionary<string, string?> { ["ConnectionStrings:Elumenta"] = path });

    /// <summary>On any store the settings name (<c>Storage:Provider</c>, <c>ConnectionStrings:Elumenta</c>).</summary>
    public static async Task<SharedStore> CreateAsync(IDictionary<string, string?> settings)
    {
        var path = settings["ConnectionStrings:Elumenta"]!;
        var configuration = new ConfigurationBuilder().AddElumentaSources().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddElumentaCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        return new SharedStore(services, path);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>A Telegram user's account on <paramref name="plan"/>, as the bot's first update would create it.</summary>
    public async Task<Account> CreateAccountAsync(long telegramUserId, string plan)
    {
        var session = await Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(telegramUserId, $"user{telegramUserId}", "Test", "en"));
        await Get<BillingService>().StartCycleAsync(session.Account.Id, new CycleStart(plan) { PaymentChargeId = $"seed-{telegramUserId}" });
        return (await Get<AccountService>().FindAsync(session.Account.Id))!;
    }

    public async Task<string> CreateKeyAsync(long accountId) => (await Get<ApiKeyStore>().CreateAsync(accountId, "cross-process"))!.Secret;

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
