using System.Diagnostics.Metrics;
using Dapper;
using Elumenta.Core.Observability;
using Elumenta.Core.Storage;
using Elumenta.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Elumenta.Core.Tests.Observability;

public sealed class StoreRetriesMetricTests
{
    [Fact]
    public async Task Two_serializable_writes_of_one_row_that_collide_show_one_retry_on_the_metrics()
    {
        if (await PostgresCluster.SharedOrSkipAsync() is null)
        {
            return;
        }

        await using var store = new PostgresStore(await TestStores.NewPostgresDatabaseAsync());
        await store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (telegram_user_id, language, created_at, last_seen_at) VALUES (1, 'en', 0, 0)", transaction: t)));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var metrics = new ElumentaMetrics(services.GetRequiredService<IMeterFactory>(), store);

        // Both read the row, then both update it: the second to commit finds it changed and is re-run once.
        var bothRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reads = 0;
        Task Writer(string name) => store.WriteAsync(async (c, t) =>
        {
            await c.ExecuteScalarAsync<string>(new CommandDefinition("SELECT first_name FROM accounts WHERE telegram_user_id = 1", transaction: t));
            if (Interlocked.Increment(ref reads) == 2)
            {
                bothRead.TrySetResult();
            }

            await bothRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await c.ExecuteAsync(new CommandDefinition("UPDATE accounts SET first_name = @name WHERE telegram_user_id = 1", new { name }, t));
        });
        await Task.WhenAll(Writer("a"), Writer("b"));

        Assert.Equal(1, store.Retries);
        Assert.Equal(1, Collect(metrics));
    }

    private static long Collect(ElumentaMetrics metrics)
    {
        long value = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ElumentaMetrics.MeterName && instrument.Name == "elumenta.store.retries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => value = measurement);
        listener.Start();
        listener.RecordObservableInstruments();
        GC.KeepAlive(metrics);
        return value;
    }
}
