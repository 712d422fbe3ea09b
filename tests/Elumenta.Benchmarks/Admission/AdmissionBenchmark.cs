using System.Diagnostics;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Hosting;
using Elumenta.Core.Limits;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// Admission + capture round trips with 64 concurrent callers, as the bot and the API would drive them, on a real
/// SQLite file or PostgreSQL (<c>--store postgres</c>: a throwaway durable cluster, or <c>--pg "Host=…"</c>), through
/// one store or several (<c>--instances 2</c>: each its own pool, as separate instances would be). Prints
/// throughput, latency percentiles, lock errors that reached a caller and serialization retries.
/// </summary>
internal static class AdmissionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var callers = ArgValue(args, "--callers", 64);
        var seconds = ArgValue(args, "--seconds", 10);
        var accounts = ArgValue(args, "--accounts", 1024);
        var plan = args.SkipWhile(a => a != "--plan").Skip(1).FirstOrDefault() ?? "vip";
        var instances = Math.Max(1, ArgValue(args, "--instances", 1));
        var postgres = args.SkipWhile(a => a != "--pg").Skip(1).FirstOrDefault();
        var onPostgres = postgres is not null || args.SkipWhile(a => a != "--store").Skip(1).FirstOrDefault() == "postgres";
        var dir = Directory.CreateTempSubdirectory("elumenta-bench-");
        try
        {
            var catalog = LoadCatalog();
            StorageOptions storage;
            if (onPostgres)
            {
                Environment.SetEnvironmentVariable("ELUMENTA_PG_DURABLE", "1");
                postgres ??= await (await Elumenta.Tests.Shared.PostgresCluster.SharedAsync()).CreateDatabaseAsync();
                storage = new StorageOptions { Provider = StoreProvider.Postgres, ConnectionString = postgres };
            }
            else
            {
                storage = new StorageOptions { ConnectionString = Path.Combine(dir.FullName, "bench.db") };
            }

            var storeOptions = Options.Create(storage);
            var stores = Enumerable.Range(0, instances).Select(_ => onPostgres ? (Store)new PostgresStore(storeOptions) : new SqliteStore(storeOptions)).ToArray();
            var store = stores[0];
            await new MigrationRunner(store, storeOptions, NullLogger<MigrationRunner>.Instance).ApplyAsync();
            var clock = TimeProvider.System;
            var billingOptions = Options.Create(new BillingOptions());
            var accountService = new AccountService(store, clock, billingOptions);
            var billing = new BillingService(store, catalog, clock, billingOptions, NullLogger<BillingService>.Instance);
            var admissions = stores.Select(s => new Core.Generations.Admission(s, catalog, clock)).ToArray();
            var generationStores = stores.Select(s => new GenerationStore(s, clock)).ToArray();

            var ids = new long[accounts];
            for (var i = 0; i < accounts; i++)
            {
                ids[i] = (await accountService.GetOrCreateAsync(new TelegramUserInfo(10_000 + i, null, "Bench", "en"))).Account.Id;
                await billing.StartCycleAsync(ids[i], new CycleStart(plan) { PaymentChargeId = $"bench-{i}" });
                await billing.AdminGrantAsync(ids[i], 1_000_000, adminId: 0);
            }

            // Warm-up: JIT tiers, pools and page cache settle before anything is measured.
            await RunCallersAsync(admissions, generationStores, ids, callers, TimeSpan.FromSeconds(1), latencies: null);
            var retriesBefore = stores.OfType<PostgresStore>().Sum(s => s.Retries);
            Console.WriteLine($"admission benchmark: {callers} callers over {instances} store instance(s), {accounts} accounts on {plan}, {seconds} s, {(onPostgres ? "PostgreSQL" : "SQLite WAL")} at {store.Describe()}");
            var latencies = new List<double>[callers];
            var stop = Stopwatch.StartNew();
            var busy = await RunCallersAsync(admissions, generationStores, ids, callers, TimeSpan.FromSeconds(seconds), latencies);
            var elapsed = stop.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            var mismatches = await store.ReadAsync(c => Ledger.FindMismatchesAsync(c));
            Console.WriteLine($"admissions+captures: {all.Length:N0} in {elapsed:F1} s = {all.Length / elapsed:N0} per second ({2 * all.Length / elapsed:N0} write transactions per second)");
            Console.WriteLine($"latency per admission+capture: p50 {Percentile(all, 0.50):F2} ms, p99 {Percentile(all, 0.99):F2} ms, max {all[^1]:F2} ms");
            Console.WriteLine($"busy/locked errors reaching callers: {busy}; ledger mismatches: {mismatches.Count}; serialization retries: {stores.OfType<PostgresStore>().Sum(s => s.Retries) - retriesBefore}");
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }

            return busy == 0 && mismatches.Count == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<int> RunCallersAsync(Core.Generations.Admission[] admissions, GenerationStore[] generationStores, long[] ids, int callers, TimeSpan duration, List<double>[]? latencies)
    {
        var busy = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
            {
                var mine = new List<double>(100_000);
                if (latencies is not null)
                {
                    latencies[caller] = mine;
                }

                var n = caller;
                var admission = admissions[caller % admissions.Length];
                var generations = generationStores[caller % generationStores.Length];
                while (stop.Elapsed < duration)
                {
                    var accountId = ids[n++ % ids.Length];
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        // A 1-token model: a free one writes no ledger rows, a lighter load than the one measured.
                        var result = await admission.AdmitAsync(new AdmissionRequest(accountId, "gemini-2.5-flash") { Prompt = "bench" });
                        if (result is AdmissionResult.Admitted admitted)
                        {
                            await generations.CompleteAsync(admitted.GenerationId, new GenerationResult { Text = "ok" });
                        }
                    }
                    catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
                    {
                        Interlocked.Increment(ref busy);
                    }

                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            })));
        return busy;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static int ArgValue(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }

    private static ModelCatalog LoadCatalog()
    {
        var configuration = new ConfigurationBuilder().AddElumentaSources(configDirectory: ElumentaConfiguration.FindConfigDirectory()).Build();
        return new ModelCatalog(Options.Create(configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>()!));
    }
}
