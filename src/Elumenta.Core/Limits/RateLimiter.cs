using System.Data.Common;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Limits;

public enum LimitWindow { Hour, Day }

/// <summary>
/// Counts in the two rolling windows. A limit of null is unlimited. <see cref="NextSlotAt"/> is when the
/// window that is full gets room again (the moment the oldest counted request that blocks it leaves).
/// </summary>
public sealed record LimitStatus(int? HourLimit, int HourUsed, int? DayLimit, int DayUsed, DateTimeOffset? HourNextSlotAt, DateTimeOffset? DayNextSlotAt)
{
    /// <summary>When the oldest request counted in the hour window was admitted (null: none is); it leaves the window an hour later.</summary>
    public DateTimeOffset? HourOldestAt { get; init; }

    public int? HourRemaining => HourLimit is { } l ? Math.Max(0, l - HourUsed) : null;
    public int? DayRemaining => DayLimit is { } l ? Math.Max(0, l - DayUsed) : null;

    /// <summary>
    /// The window that refuses a new request now, or null when there is room. With both full it is the one
    /// that frees later: a request is possible only when both have room.
    /// </summary>
    public LimitWindow? Exhausted => (DayRemaining == 0, HourRemaining == 0) switch
    {
        (true, true) => HourNextSlotAt > DayNextSlotAt ? LimitWindow.Hour : LimitWindow.Day,
        (true, false) => LimitWindow.Day,
        (false, true) => LimitWindow.Hour,
        _ => null,
    };

    public DateTimeOffset? NextSlotAt => Exhausted switch
    {
        LimitWindow.Day => DayNextSlotAt,
        LimitWindow.Hour => HourNextSlotAt,
        _ => null,
    };
}

/// <summary>
/// Rolling-window counts kept in the shared store (<c>rate_events</c>), so the bot and the API see one count.
/// Exactness comes from the caller: <see cref="MeasureAsync"/> runs inside the admission's write transaction.
/// </summary>
public sealed class RateLimiter(Store store, ModelCatalog catalog, TimeProvider clock)
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    public static readonly TimeSpan Day = TimeSpan.FromHours(24);

    public Task<LimitStatus> GetStatusAsync(long accountId, CancellationToken ct = default) =>
        store.ReadAsync(async c =>
        {
            var account = await AccountService.SelectByIdAsync(c, null, accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
            return await MeasureAsync(c, null, accountId, catalog.PlanOrFree(account.Plan), clock.NowMs(), ct);
        }, ct);

    /// <summary>The same for a plan the caller has just read with the account (no second read of the account).</summary>
    public Task<LimitStatus> GetStatusAsync(long accountId, Plan plan, CancellationToken ct = default) =>
        plan is { HourlyLimit: null, DailyLimit: null }
            ? Task.FromResult(new LimitStatus(null, 0, null, 0, null, null))
            : store.ReadAsync(c => MeasureAsync(c, null, accountId, plan, clock.NowMs(), ct), ct);

    public static async Task<LimitStatus> MeasureAsync(DbConnection c, DbTransaction? t, long accountId, Plan plan, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.HourlyLimit is null && plan.DailyLimit is null)
        {
            return new LimitStatus(null, 0, null, 0, null, null);
        }

        var hourStart = nowMs - (long)Hour.TotalMilliseconds;
        var dayStart = nowMs - (long)Day.TotalMilliseconds;
        var counts = await c.QuerySingleAsync<(long Day, long Hour, long? HourOldest)>(new CommandDefinition(
            """
            SELECT COUNT(*), COUNT(*) FILTER (WHERE at > @hourStart), MIN(CASE WHEN at > @hourStart THEN at END)
            FROM rate_events WHERE account_id = @accountId AND at > @dayStart
            """,
            new { accountId, hourStart, dayStart }, t, cancellationToken: ct));
        var hourNext = await NextSlotAsync(c, t, accountId, hourStart, plan.HourlyLimit, (int)counts.Hour, Hour, ct);
        var dayNext = await NextSlotAsync(c, t, accountId, dayStart, plan.DailyLimit, (int)counts.Day, Day, ct);
        return new LimitStatus(plan.HourlyLimit, (int)counts.Hour, plan.DailyLimit, (int)counts.Day, hourNext, dayNext)
        {
            HourOldestAt = counts.HourOldest is { } oldest ? UnixTime.FromMs(oldest) : null,
        };
    }

    public static Task CountAsync(DbConnection c, DbTransaction t, long accountId, long generationId, long nowMs, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rate_events (generation_id, account_id, at) VALUES (@generationId, @accountId, @nowMs)",
            new { generationId, accountId, nowMs }, t, cancellationToken: ct));

    /// <summary>A failed generation does not count: its slot is given back.</summary>
    public static Task GiveBackAsync(DbConnection c, DbTransaction t, long generationId, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("DELETE FROM rate_events WHERE generation_id = @generationId", new { generationId }, t, cancellationToken: ct));

    /// <summary>Events older than a day never count again; kept small so counting stays an index range scan.</summary>
    public Task<int> PruneAsync(CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM rate_events WHERE at <= @cutoff", new { cutoff = clock.NowMs() - (long)Day.TotalMilliseconds }, t, cancellationToken: ct)), ct);

    private static async Task<DateTimeOffset?> NextSlotAsync(
        DbConnection c, DbTransaction? t, long accountId, long windowStart, int? limit, int used, TimeSpan window, CancellationToken ct)
    {
        if (limit is not { } max || used < max)
        {
            return null;
        }

        // With `used` requests in the window, room appears when the (used - max + 1)-th oldest leaves it.
        var at = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT at FROM rate_events WHERE account_id = @accountId AND at > @windowStart ORDER BY at LIMIT 1 OFFSET @skip",
            new { accountId, windowStart, skip = used - max }, t, cancellationToken: ct));
        return UnixTime.FromMs(at + (long)window.TotalMilliseconds);
    }
}
