using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Notifications;

/// <summary>A plan that ran out without renewal; claimed, so it is announced once whichever process expired it.</summary>
public sealed record PlanEnded(long AccountId, long TelegramUserId, string Language, string Plan, long CycleId, long BonusTokens);

/// <summary>
/// Claims the "your plan ended" notice for cycles that expired (not replaced, renewed or refunded) in the last
/// <see cref="Window"/>. It is a change of service, like a payment confirmation, so it ignores the notifications
/// setting; blocked and banned accounts are skipped.
/// </summary>
public sealed class PlanEndNotices(Store store, TimeProvider clock)
{
    public const string Kind = "plan_ended";

    public static readonly TimeSpan Window = TimeSpan.FromDays(2);

    public Task<IReadOnlyList<PlanEnded>> ClaimAsync(CancellationToken ct = default) =>
        store.WriteAsync<IReadOnlyList<PlanEnded>>(async (c, t) =>
        {
            var now = clock.NowMs();
            var ended = (await c.QueryAsync<PlanEnded>(new CommandDefinition(
                """
                SELECT a.id AS AccountId, a.telegram_user_id AS TelegramUserId, a.language AS Language, pc.plan AS Plan,
                       pc.id AS CycleId, a.bonus_tokens AS BonusTokens
                FROM plan_cycles pc JOIN accounts a ON a.id = pc.account_id
                WHERE pc.end_reason = 'expired' AND pc.ended_at >= @after AND a.cycle_id IS NULL
                  AND a.telegram_user_id IS NOT NULL AND a.blocked_by_user = 0 AND a.banned = 0
                  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.account_id = a.id AND n.kind = @Kind AND n.cycle_id = pc.id)
                """, new { after = now - (long)Window.TotalMilliseconds, Kind }, t, cancellationToken: ct))).ToList();
            foreach (var notice in ended)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO notifications (account_id, kind, cycle_id, created_at) VALUES (@AccountId, @Kind, @CycleId, @now) ON CONFLICT DO NOTHING",
                    new { notice.AccountId, Kind, notice.CycleId, now }, t, cancellationToken: ct));
            }

            return ended;
        }, ct);
}
