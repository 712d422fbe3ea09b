using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Billing;
using Elumenta.Core.Hosting;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Elumenta.Benchmarks.Api;

/// <summary>The account the load runs on: Elite (no limits, so every request is admitted) with enough tokens for the whole run.</summary>
internal static class LoadAccount
{
    /// <summary>Migrates the file and creates the Elite account and its key through the core services, as the bot would.</summary>
    public static async Task<string> SeedAsync(Dictionary<string, string?> settings, int tokens)
    {
        var configuration = new ConfigurationBuilder().AddElumentaSources().AddInMemoryCollection(settings).Build();
        await using var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddElumentaCore(configuration).BuildServiceProvider();
        await services.GetRequiredService<MigrationRunner>().ApplyAsync();
        var account = (await services.GetRequiredService<AccountService>().GetOrCreateAsync(new TelegramUserInfo(4_200_001, "loadtest", "Load", "en"))).Account;
        await services.GetRequiredService<BillingService>().StartCycleAsync(account.Id, new CycleStart("elite") { PaymentChargeId = "load-seed" });
        await services.GetRequiredService<BillingService>().AdminGrantAsync(account.Id, tokens, adminId: 0);
        var key = (await services.GetRequiredService<ApiKeyStore>().CreateAsync(account.Id, "load"))!.Secret;
        SqliteConnection.ClearAllPools();
        return key;
    }
}
