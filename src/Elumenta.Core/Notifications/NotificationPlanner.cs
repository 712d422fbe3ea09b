using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Notifications;

public static class NoticeKind
{
    public const string PlanEndsIn3Days = "plan_ends_3d";
    public const string PlanEndsIn1Day = "plan_ends_1d";
    public const string LowBalance = "low_balance";
}

/// <summary>A notice to send now: already claimed, so no other process or tick sends it again.</summary>
public sealed record Notice(long AccountId, long TelegramUserId, string Language, string Kind, string Plan, DateTimeOffset PlanEndsAt, int PlanTokens, int Allowance);

/// <summary>
/// Finds the reminders and low-balance notices that are due and claims each one (unique per account, kind and
/// cycle) in the same transaction. Only accounts with notifications on that have not blocked the bot qualify.
/// </summary>
public sealed class NotificationPlanner(Store store, TimeProvider clock)
{
    public Task<IReadOnlyList<Notice>> ClaimDueAsync(CancellationToken ct = default) =>
        store.WriteAsync<IReadOnlyList<Notice>>(async (c, t) =>
        {
            var now = clock.NowMs();
            var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
            var due = (await c.QueryAsync<DueRow>(new CommandDefinition(
                """
                SELECT a.id AS AccountId, a.telegram_user_id AS TelegramUserId, a.language AS Language, pc.id AS CycleId,
                       a.plan AS Plan, pc.ends_at AS EndsAt, a.plan_tokens AS PlanTokens, pc.allowance AS Allowance,
                       CASE
                           WHEN pc.renews = 0 AND pc.ends_at - @now <= @day THEN 'plan_ends_1d'
                           WHEN pc.renews = 0 AND pc.ends_at - @now <= 3 * @day THEN 'plan_ends_3d'
                       END AS Reminder,
                       CASE WHEN pc.allowance > 0 AND a.plan_tokens * 10 < pc.allowance THEN 'low_balance' END AS Low
                FROM accounts a JOIN plan_cycles pc ON pc.id = a.cycle_id
                WHERE a.telegram_user_id IS NOT NULL AND a.notifications_enabled = 1 AND a.blocked_by_user = 0 AND a.banned = 0
                  AND pc.ends_at > @now AND pc.ended_at IS NULL
                """, new { now, day }, t, cancellationToken: ct))).ToList();

            var notices = new List<Notice>();
            foreach (var row in due)
            {
                foreach (var kind in new[] { row.Reminder, row.Low }.OfType<string>())
                {
                    var claimed = await c.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO notifications (account_id, kind, cycle_id, created_at) VALUES (@AccountId, @kind, @CycleId, @now) ON CONFLICT DO NOTHING",
                        new { row.AccountId, kind, row.CycleId, now }, t, cancellationToken: ct));
                    if (claimed == 1)
                    {
                        notices.Add(new Notice(row.AccountId, row.TelegramUserId, row.Language, kind, row.Plan, UnixTime.FromMs(row.EndsAt), row.PlanTokens, row.Allowance));
                    }
                }
            }

            return notices;
        }, ct);

    private sealed class DueRow
    {
        public long AccountId { get; init; }
        public long TelegramUserId { get; init; }
        public string Language { get; init; } = "en";
        public long CycleId { get; init; }
        public string Plan { get; init; } = "";
        public long EndsAt { get; init; }
        public int PlanTokens { get; init; }
        public int Allowance { get; init; }
        public string? Reminder { get; init; }
        public string? Low { get; init; }
    }
}
