using System.Diagnostics;
using System.Diagnostics.Metrics;
using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Observability;

/// <summary>
/// Every instrument of the <c>Elumenta</c> meter, defined once; the bot and the API export them on <c>/metrics</c>
/// (Prometheus names in brackets). Call sites record through the methods below, so tag names stay consistent.
/// </summary>
public sealed class ElumentaMetrics : IDisposable
{
    public const string MeterName = "Elumenta";

    private static readonly TimeSpan BacklogCacheFor = TimeSpan.FromSeconds(5);

    private readonly Meter _meter;
    private readonly Counter<long> _updatesHandled;
    private readonly Counter<long> _generations;
    private readonly Histogram<double> _admission;
    private readonly Histogram<double> _provider;
    private readonly Counter<long> _telegram429;
    private readonly Lock _backlogSync = new();
    private Store? _backlogStore;
    private long _backlogReadAt;
    private long? _backlog;

    /// <param name="store">The process's store: on PostgreSQL its re-run write transactions are reported.</param>
    public ElumentaMetrics(IMeterFactory meters, Store? store = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        // [elumenta_updates_handled_total] kind, outcome = done | failed
        _updatesHandled = _meter.CreateCounter<long>("elumenta.updates.handled", "{update}", "Telegram updates handled by the bot's dispatcher.");
        // [elumenta_generations_total] model, outcome = completed | failed | canceled
        _generations = _meter.CreateCounter<long>("elumenta.generations", "{generation}", "Generations settled.");
        // [elumenta_admission_duration_seconds] outcome = admitted | the refusal
        _admission = _meter.CreateHistogram<double>("elumenta.admission.duration", "s", "Time to admit or refuse a generation request.");
        // [elumenta_provider_duration_seconds] provider, outcome = ok | http_4xx | http_5xx | timeout | unavailable | canceled | error
        _provider = _meter.CreateHistogram<double>("elumenta.provider.duration", "s", "Provider HTTP calls, retries included.");
        // [elumenta_telegram_429_total] method
        _telegram429 = _meter.CreateCounter<long>("elumenta.telegram.429", "{response}", "429 Too Many Requests answers from the Bot API.");
        // [elumenta_inbox_backlog] pending rows of update_inbox; only in a process that called ObserveInboxBacklog
        _meter.CreateObservableGauge("elumenta.inbox.backlog", ReadBacklog, "{update}", "Updates stored in the inbox and not yet handled.");
        // [elumenta_store_retries_total] PostgreSQL only: a write re-run often means a hot spot where transactions abort
        // each other (as first contact did under serializable isolation), long before one runs out of attempts.
        if (store is PostgresStore postgres)
        {
            _meter.CreateObservableCounter("elumenta.store.retries", () => postgres.Retries, "{transaction}",
                "Write transactions re-run after a serialization failure or deadlock.");
        }
    }

    public void UpdateHandled(string kind, bool done) =>
        _updatesHandled.Add(1, new("kind", kind), new("outcome", done ? "done" : "failed"));

    public void GenerationSettled(string model, string outcome) =>
        _generations.Add(1, new("model", model), new("outcome", outcome));

    public void Admission(string outcome, TimeSpan elapsed) =>
        _admission.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void ProviderCall(string provider, string outcome, TimeSpan elapsed) =>
        _provider.Record(elapsed.TotalSeconds, new("provider", provider), new("outcome", outcome));

    public void Telegram429(string method) =>
        _telegram429.Add(1, new KeyValuePair<string, object?>("method", method));

    /// <summary>A result's type as a tag value: <c>Admitted</c> → <c>admitted</c>, <c>LimitReached</c> → <c>limit_reached</c>.</summary>
    public static string OutcomeOf(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = result.GetType().Name;
        var text = new System.Text.StringBuilder(name.Length + 4);
        foreach (var ch in name)
        {
            if (char.IsUpper(ch) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(ch));
        }

        return text.ToString();
    }

    /// <summary>Turns on <c>elumenta_inbox_backlog</c> (the bot): read from the store at most every few seconds.</summary>
    public void ObserveInboxBacklog(Store store)
    {
        lock (_backlogSync)
        {
            _backlogStore = store;
        }
    }

    private IEnumerable<Measurement<long>> ReadBacklog()
    {
        Store? store;
        lock (_backlogSync)
        {
            store = _backlogStore;
            if (store is null)
            {
                return [];
            }

            if (_backlog is { } cached && Stopwatch.GetElapsedTime(_backlogReadAt) < BacklogCacheFor)
            {
                return [new Measurement<long>(cached)];
            }
        }

        try
        {
            // A scrape is synchronous; the count is cheap (partial index on pending) and bounded by a timeout.
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var count = store.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM update_inbox WHERE status = 'pending'", cancellationToken: cts.Token)), cts.Token).GetAwaiter().GetResult();
            lock (_backlogSync)
            {
                _backlog = count;
                _backlogReadAt = Stopwatch.GetTimestamp();
            }

            return [new Measurement<long>(count)];
        }
#pragma warning disable CA1031 // A failed read must not fail the scrape: the last value stands, or none.
        catch (Exception)
#pragma warning restore CA1031
        {
            lock (_backlogSync)
            {
                _backlogReadAt = Stopwatch.GetTimestamp();
                return _backlog is { } last ? [new Measurement<long>(last)] : [];
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}
