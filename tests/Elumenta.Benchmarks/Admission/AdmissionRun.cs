using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using Elumenta.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Benchmarks.Admission;

/// <summary>
/// One measurement with N instance processes: a fresh database and fresh accounts, the instances warmed up and
/// started together, their figures summed; then the database is checked.
/// </summary>
/// <param name="poolTotal">When set, the connections all instances may open together (each gets its share).</param>
internal sealed class AdmissionRun(PostgresCluster cluster, ModelCatalog catalog, int callers, int seconds, int accounts, string plan, int? poolSize, int? poolTotal = null)
{
    public async Task<AdmissionFigures> MeasureAsync(int count)
    {
        var connectionString = await cluster.CreateDatabaseAsync();
        try
        {
            return await MeasureAsync(count, connectionString);
        }
        finally
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    private async Task<AdmissionFigures> MeasureAsync(int count, string connectionString)
    {
        // Each instance's pool: by default the cluster's 50, so one instance queues 14 of 64 callers and two connect 64.
        var size = poolTotal is { } total ? Math.Max(1, total / count) : poolSize;
        var perInstance = size is not null ? new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = size.Value }.ConnectionString : connectionString;
        var storage = Options.Create(new StorageOptions { Provider = StoreProvider.Postgres, ConnectionString = connectionString });
        await using var store = new PostgresStore(storage);
        await new MigrationRunner(store, storage, NullLogger<MigrationRunner>.Instance).ApplyAsync();
        var ids = await AdmissionLoad.SeedAsync(store, catalog, accounts, plan);
        if (ids[^1] - ids[0] + 1 != ids.Length)
        {
            throw new InvalidOperationException("The accounts' ids are not consecutive; the instances are given a range.");
        }

        await cluster.CheckpointAsync();

        var instances = new List<AdmissionInstance>();
        InstanceResult[] results;
        double postgresCpu, machineBusy, steal;
        try
        {
            var starting = Enumerable.Range(0, count)
                .Select(i => AdmissionInstance.StartAsync(AdmissionInstance.Arguments(perInstance, callers, i, count, seconds, ids[0], ids[^1]), TimeSpan.FromSeconds(90)))
                .ToList();
            try
            {
                instances.AddRange(await Task.WhenAll(starting));
            }
            catch
            {
                instances.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
                throw;
            }

            // The instances' backends are open after their warm-up; the pools keep them for the measurement.
            var backendsBefore = CpuTime.Processes(await BackendsAsync(store));
            var machineBefore = CpuTime.Machine();
            var step = instances.Max(i => i.WarmUpSteps);
            foreach (var instance in instances)
            {
                instance.Go(step);
            }

            results = await Task.WhenAll(instances.Select(i => i.ResultAsync(TimeSpan.FromSeconds(seconds + 60))));
            postgresCpu = CpuTime.Between(backendsBefore, CpuTime.Processes(await BackendsAsync(store)));
            var machineAfter = CpuTime.Machine();
            machineBusy = (machineAfter.Busy - machineBefore.Busy) / Math.Max(1e-9, machineAfter.Total - machineBefore.Total);
            steal = (machineAfter.Steal - machineBefore.Steal) / Math.Max(1e-9, machineAfter.Total - machineBefore.Total);
        }
        finally
        {
            await Task.WhenAll(instances.Select(i => i.DisposeAsync().AsTask()));
            PrintOutput(instances);
        }

        var check = await store.ReadAsync(c => c.QuerySingleAsync<DatabaseCheck>(
            """
            SELECT (SELECT COUNT(*) FROM generations WHERE status = 'completed') AS completed,
                   (SELECT COUNT(*) FROM generations WHERE status <> 'completed') AS not_completed,
                   (SELECT COUNT(*) FROM rate_events) AS rate_events,
                   (SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM rate_events GROUP BY account_id) AS per_account) AS most_per_account
            """));
        check.Mismatches = (await store.ReadAsync(c => Ledger.FindMismatchesAsync(c))).Count;
        check.HourlyLimit = catalog.PlanOrFree(plan).HourlyLimit;
        return AdmissionFigures.From(count, results, check) with { InstanceCpu = results.Sum(r => r.CpuSeconds), PostgresCpu = postgresCpu, MachineBusy = machineBusy, Steal = steal,
            Runtime = results.All(r => r.Runtime is not null) ? RuntimeCounters.Sum(results.Select(r => r.Runtime!)) : null };
    }

    private static async Task<IEnumerable<int>> BackendsAsync(Store store) =>
        await store.ReadAsync(c => c.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"));

    private static void PrintOutput(List<AdmissionInstance> instances)
    {
        foreach (var (instance, n) in instances.Select((b, i) => (b, i + 1)).Where(x => x.b.Output.Count > 0))
        {
            Console.WriteLine($"  instance {n} printed {instance.Output.Count} lines, the first:");
            foreach (var line in instance.Output.Take(8))
            {
                Console.WriteLine("    " + line);
            }
        }
    }
}

/// <summary>What the database holds after a measurement, against what the instances reported.</summary>
internal sealed class DatabaseCheck
{
    public long Completed { get; init; }
    public long NotCompleted { get; init; }
    public long RateEvents { get; init; }
    public long MostPerAccount { get; init; }
    public int Mismatches { get; set; }
    public int? HourlyLimit { get; set; }
}
