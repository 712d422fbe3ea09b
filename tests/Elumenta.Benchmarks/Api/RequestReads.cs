using System.Diagnostics;
using System.Globalization;
using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Hosting;
using Elumenta.Core.Limits;
using Dapper;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Elumenta.Benchmarks.Api;

/// <summary>
/// <c>api --reads</c>: what each store read of an authenticated request costs on its own, one caller, on the same
/// core services the API uses: the key check, the caller's account, the limit status (VIP: the window counts),
/// and the reads the API makes instead (the key with its account in one statement; the windows for a plan in hand).
/// </summary>
internal static class RequestReads
{
    public static async Task<int> RunAsync(int calls)
    {
        var dir = Directory.CreateTempSubdirectory("elumenta-api-reads-").FullName;
        var configuration = new ConfigurationBuilder().AddElumentaSources()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Elumenta"] = Path.Combine(dir, "reads.db") }).Build();
        await using (var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddElumentaCore(configuration).BuildServiceProvider())
        {
            await services.GetRequiredService<MigrationRunner>().ApplyAsync();
            var accounts = services.GetRequiredService<AccountService>();
            var account = (await accounts.GetOrCreateAsync(new TelegramUserInfo(4_200_002, "reads", "Reads", "en"))).Account;
            await services.GetRequiredService<BillingService>().StartCycleAsync(account.Id, new CycleStart("vip") { PaymentChargeId = "reads" });
            var keys = services.GetRequiredService<ApiKeyStore>();
            var key = (await keys.CreateAsync(account.Id, "reads"))!.Secret;
            var limits = services.GetRequiredService<RateLimiter>();
            Console.WriteLine($"per-request store reads, {calls.ToString(CultureInfo.InvariantCulture)} calls each, one caller, VIP account (µs per call: median of 10 batches)");
            await MeasureAsync("key check (ApiKeyStore.VerifyAsync)", calls, () => keys.VerifyAsync(key));
            await MeasureAsync("account (AccountService.FindAsync)", calls, () => accounts.FindAsync(account.Id));
            await MeasureAsync("limit status (RateLimiter.GetStatusAsync)", calls, () => limits.GetStatusAsync(account.Id));
            // What the API reads now: the key with its account in one statement; the windows for the plan it has.
            await MeasureAsync("key and account (VerifyWithAccountAsync)", calls, () => keys.VerifyWithAccountAsync(key));
            var vip = services.GetRequiredService<ModelCatalog>().PlanOrFree("vip");
            await MeasureAsync("limit status for that plan (no account)", calls, () => limits.GetStatusAsync(account.Id, vip));
            var store = services.GetRequiredService<Store>();
            // The prepared-statement row below is SQLite's recipe; the harness runs on the embedded store.
            await MeasureAsync("empty read (open a pooled connection)", calls, () => store.ReadAsync(_ => Task.FromResult(0)));
            // The same account row through a statement prepared once: what the parse and plan of each read cost.
            await using var connection = (Microsoft.Data.Sqlite.SqliteConnection)await store.OpenAsync();
            await using var prepared = connection.CreateCommand();
            prepared.CommandText = "SELECT id, telegram_user_id, username, first_name, language, language_overridden, plan, plan_period_end, cycle_id, plan_tokens, bonus_tokens, settings, notifications_enabled, blocked_by_user, banned, start_payload, created_at, last_seen_at, session_version FROM accounts WHERE id = $id";
            prepared.Parameters.AddWithValue("$id", account.Id);
            prepared.Prepare();
            await MeasureAsync("account, statement prepared once", calls, async () =>
            {
                await using var reader = await prepared.ExecuteReaderAsync();
                var row = reader.GetRowParser<Account>();
                return await reader.ReadAsync() ? row(reader) : null;
            });
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static async Task MeasureAsync<T>(string name, int calls, Func<Task<T>> read)
    {
        for (var i = 0; i < Math.Min(calls, 2000); i++)
        {
            await read();
        }

        var batches = new List<double>();
        for (var batch = 0; batch < 10; batch++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < calls / 10; i++)
            {
                await read();
            }

            batches.Add(watch.Elapsed.TotalMicroseconds / (calls / 10));
        }

        batches.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-45} {batches[5],7:0.0} µs   (fastest batch {batches[0]:0.0})"));
    }
}
