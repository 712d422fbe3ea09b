using Dapper;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Admin;

public sealed record ModelUsage(string Model, long Generations, long TokensSpent);

public sealed record ProductRevenue(string Kind, string Product, long Payments, long Stars);

public sealed record FailureCount(string Provider, string ErrorKind, long Count);

/// <summary>
/// What <c>/stats</c> shows: counts since <see cref="Since"/> (the start of the first UTC day of the period), accounts
/// over all time. <see cref="Days"/> feeds both the text's totals and the chart.
/// </summary>
public sealed record StatsReport(
    DateTimeOffset Since, long Accounts, long ActiveToday, long ActiveThisWeek,
    IReadOnlyList<ModelUsage> TopModels, IReadOnlyList<ProductRevenue> Revenue, long RefundedPayments, long RefundedStars,
    IReadOnlyList<FailureCount> Failures, IReadOnlyList<DayStats> Days)
{
    public long NewAccounts => Days.Sum(d => d.NewAccounts);

    public long StarsReceived => Days.Sum(d => d.Stars);

    /// <summary>Requests per category over the period, most first; only categories that had any.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> GenerationsByCategory => Days.SelectMany(d => d.Generations)
        .GroupBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Sum(x => x.Value)))
        .OrderByDescending(g => g.Value).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
}

/// <summary>Read-only aggregates for the admin's <c>/stats</c>.</summary>
public sealed class AdminStats(Store store, ModelCatalog catalog, TimeProvider clock)
{
    public const int MaxDays = 365;

    /// <summary>The last <paramref name="days"/> UTC calendar days, today included.</summary>
    public Task<StatsReport> GetAsync(int days, int topModels, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        return store.ReadAsync(async c =>
        {
            var now = clock.GetUtcNow();
            var first = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1 - days);
            var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).Ms();
            var args = new { since, day = (now - TimeSpan.FromDays(1)).Ms(), week = (now - TimeSpan.FromDays(7)).Ms(), top = topModels };
            var accounts = await c.QuerySingleAsync<(long Total, long Day, long Week)>(new CommandDefinition(
                """
                SELECT COUNT(*), COUNT(*) FILTER (WHERE last_seen_at >= @day), COUNT(*) FILTER (WHERE last_seen_at >= @week) FROM accounts
                """, args, cancellationToken: ct));
            // Read as tuples: on an empty result SQLite reports no column types, and Dapper then finds no record constructor.
            var models = await c.QueryAsync<(string Model, long Generations, long TokensSpent)>(new CommandDefinition(
                """
                SELECT model_slug AS Model, COUNT(*) AS Generations, CAST(COALESCE(SUM(tokens_spent), 0) AS BIGINT) AS TokensSpent
                FROM generations WHERE created_at >= @since
                GROUP BY model_slug ORDER BY TokensSpent DESC, Generations DESC, Model LIMIT @top
                """, args, cancellationToken: ct));
            var revenue = await c.QueryAsync<(string Kind, string Product, long Payments, long Stars)>(new CommandDefinition(
                """
                SELECT kind AS Kind, product_code AS Product, COUNT(*) AS Payments, CAST(SUM(stars) AS BIGINT) AS Stars
                FROM payments WHERE status = 'fulfilled' AND created_at >= @since
                GROUP BY kind, product_code ORDER BY Stars DESC, Product
                """, args, cancellationToken: ct));
            var refunds = await c.QuerySingleAsync<(long Count, long Stars)>(new CommandDefinition(
                "SELECT COUNT(*), CAST(COALESCE(SUM(stars), 0) AS BIGINT) FROM payments WHERE status = 'refunded' AND refunded_at >= @since",
                args, cancellationToken: ct));
            var failures = await c.QueryAsync<(string Model, string? Kind, long Count)>(new CommandDefinition(
                """
                SELECT model_slug, error_kind, COUNT(*) FROM generations
                WHERE status = 'failed' AND created_at >= @since GROUP BY model_slug, error_kind
                """, args, cancellationToken: ct));
            // The provider is a property of the model in the catalog, not a column: grouped here.
            var byProvider = failures
                .GroupBy(f => (Provider: catalog.FindModel(f.Model)?.Provider.ToString() ?? f.Model, Kind: f.Kind ?? "unknown"))
                .Select(g => new FailureCount(g.Key.Provider, g.Key.Kind, g.Sum(f => f.Count)))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Provider, StringComparer.Ordinal).ToList();
            var perDay = await StatsDays.ReadAsync(c, first, days, ct);
            return new StatsReport(UnixTime.FromMs(since), accounts.Total, accounts.Day, accounts.Week,
                models.Select(m => new ModelUsage(m.Model, m.Generations, m.TokensSpent)).ToList(),
                revenue.Select(r => new ProductRevenue(r.Kind, r.Product, r.Payments, r.Stars)).ToList(), refunds.Count, refunds.Stars, byProvider, perDay);
        }, ct);
    }
}
