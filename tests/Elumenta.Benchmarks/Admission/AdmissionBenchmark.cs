using System.Diagnostics;
using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static Elumenta.Benchmarks.Admission.AdmissionLoad;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// Admission + capture round trips with 64 concurrent callers, as the bot and the API would drive them, on a real
/// SQLite file or PostgreSQL. On the throwaway PostgreSQL cluster (<c>--store postgres</c>) <c>--instances N</c> is N
/// OS processes on one database and <c>--pair R</c> compares one and two (<see cref="AdmissionHarness"/>). In this
/// process: SQLite, a given database (<c>--pg "Host=…"</c>), or <c>--in-process</c>, where <c>--instances N</c> is N
/// stores (each its own pool). Prints throughput, latency percentiles, lock errors that reached a caller and
/// serialization retries.
/// </summary>
internal static class AdmissionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var callers = ArgValue(args, "--callers", 64);
        var seconds = ArgValue(args, "--seconds", 10);
        var accounts = ArgValue(args, "--accounts", 1024);
        var plan = Value(args, "--plan") ?? "vip";
        var instances = Math.Max(1, ArgValue(args, "--instances", 1));
        var postgres = Value(args, "--pg");
        var onPostgres = postgres is not null || Value(args, "--store") == "postgres";
        if (onPostgres && postgres is null && !args.Contains("--in-process"))
        {
            return await AdmissionHarness.RunAsync(args, callers, seconds, accounts, plan, instances);
        }

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
            var admissions = stores.Select(s => new Core.Generations.Admission(s, catalog, clock)).ToArray();
            var generationStores = stores.Select(s => new GenerationStore(s, clock)).ToArray();
            var ids = await SeedAsync(store, catalog, accounts, plan);

            // Warm-up: JIT tiers, pools and page cache settle before anything is measured.
            var warm = await RunCallersAsync(admissions, generationStores, ids, callers, TimeSpan.FromSeconds(1), latencies: null);
            var retriesBefore = stores.OfType<PostgresStore>().Sum(s => s.Retries);
            Console.WriteLine($"admission benchmark: {callers} callers over {instances} store instance(s) in this process, {accounts} accounts on {plan}, {seconds} s, {(onPostgres ? "PostgreSQL" : "SQLite WAL")} at {store.Describe()}");
            var latencies = new List<double>[callers];
            var stop = Stopwatch.StartNew();
            var counts = await RunCallersAsync(admissions, generationStores, ids, callers, TimeSpan.FromSeconds(seconds), latencies, step: warm.Steps);
            var elapsed = stop.Elapsed.TotalSeconds;
            var all = latencies.SelectMany(l => l).Order().ToArray();
            var mismatches = await store.ReadAsync(c => Ledger.FindMismatchesAsync(c));
            Console.WriteLine($"admissions+captures: {all.Length:N0} in {elapsed:F1} s = {all.Length / elapsed:N0} per second ({2 * all.Length / elapsed:N0} write transactions per second); refused: {counts.Calls - counts.Admitted - counts.Busy}");
            Console.WriteLine($"latency per admission+capture: p50 {Percentile(all, 0.50):F2} ms, p99 {Percentile(all, 0.99):F2} ms, max {all[^1]:F2} ms");
            Console.WriteLine($"busy/locked errors reaching callers: {counts.Busy}; ledger mismatches: {mismatches.Count}; serialization retries: {stores.OfType<PostgresStore>().Sum(s => s.Retries) - retriesBefore}");
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }

            return counts.Busy == 0 && mismatches.Count == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
