using System.Diagnostics;
using System.Globalization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Hosting;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Elumenta.Benchmarks.Admission;

/// <summary>What every admission measurement shares, in one process or in several: the accounts and the callers.</summary>
internal static class AdmissionLoad
{
    // A 1-token model: a free one writes no ledger rows, a lighter load than the one measured.
    private const string Model = "gemini-2.5-flash";

    /// <summary>
    /// Round trips made (admitted or refused), the admitted among them, SQLite lock errors that reached a caller, and
    /// the most round trips one caller made (where the next run's callers go on from).
    /// </summary>
    public sealed record Counts(int Calls, int Admitted, int Busy, int Steps);

    /// <summary>Accounts on <paramref name="plan"/> with tokens to spare; returns their ids in creation order.</summary>
    public static async Task<long[]> SeedAsync(Store store, ModelCatalog catalog, int accounts, string plan)
    {
        var clock = TimeProvider.System;
        var billingOptions = Options.Create(new BillingOptions());
        var accountService = new AccountService(store, clock, billingOptions);
        var billing = new BillingService(store, catalog, clock, billingOptions, NullLogger<BillingService>.Instance);
        var ids = new long[accounts];
        for (var i = 0; i < accounts; i++)
        {
            ids[i] = (await accountService.GetOrCreateAsync(new TelegramUserInfo(10_000 + i, null, "Bench", "en"))).Account.Id;
            await billing.StartCycleAsync(ids[i], new CycleStart(plan) { PaymentChargeId = $"bench-{i}" });
            await billing.AdminGrantAsync(ids[i], 1_000_000, adminId: 0);
        }

        return ids;
    }

    /// <summary>
    /// <paramref name="callers"/> loops, each admitting and capturing one generation after another. Caller k is the
    /// load's caller <c>offset + stride × k</c> and starts at that account, so callers split over processes walk
    /// the accounts exactly as the same callers in one process would. Each caller then moves on by one account per
    /// round trip, from <paramref name="step"/> on: a measurement after a warm-up passes the warm-up's
    /// <see cref="Counts.Steps"/>, so that below 1,024 steps no account sees a caller twice and no account reaches the
    /// plan's hourly limit (100) however fast the store is (64 callers restarting at their first account did, on SQLite).
    /// </summary>
    public static async Task<Counts> RunCallersAsync(Core.Generations.Admission[] admissions, GenerationStore[] generationStores, long[] ids,
        int callers, TimeSpan duration, List<double>[]? latencies, int offset = 0, int stride = 1, int step = 0)
    {
        int busy = 0, admitted = 0, calls = 0, steps = 0;
        var stop = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
            {
                var mine = new List<double>(100_000);
                if (latencies is not null)
                {
                    latencies[caller] = mine;
                }

                var n = offset + (stride * caller) + step;
                var admission = admissions[caller % admissions.Length];
                var generations = generationStores[caller % generationStores.Length];
                while (stop.Elapsed < duration)
                {
                    var accountId = ids[n++ % ids.Length];
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var result = await admission.AdmitAsync(new AdmissionRequest(accountId, Model) { Prompt = "bench" });
                        if (result is AdmissionResult.Admitted ok)
                        {
                            Interlocked.Increment(ref admitted);
                            await generations.CompleteAsync(ok.GenerationId, new GenerationResult { Text = "ok" });
                        }
                    }
                    catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
                    {
                        Interlocked.Increment(ref busy);
                    }

                    Interlocked.Increment(ref calls);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                InterlockedMax(ref steps, mine.Count);
            })));
        return new Counts(calls, admitted, busy, steps);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    public static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    public static string? Value(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    public static int ArgValue(string[] args, string name, int fallback) =>
        int.TryParse(Value(args, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public static ModelCatalog LoadCatalog()
    {
        var configuration = new ConfigurationBuilder().AddElumentaSources(configDirectory: ElumentaConfiguration.FindConfigDirectory()).Build();
        return new ModelCatalog(Options.Create(configuration.GetSection(CatalogOptions.Section).Get<CatalogOptions>()!));
    }
}
