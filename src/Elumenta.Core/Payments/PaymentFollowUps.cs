using System.Data.Common;
using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Payments;

/// <summary>
/// What a payment still owes after it committed: a confirmation the user never got (the process died or
/// Telegram failed between fulfilment and the message), and a refunded subscription that must stop renewing.
/// </summary>
public sealed class PaymentFollowUps(Store store, TimeProvider clock)
{
    /// <summary>
    /// Payments (fulfilled or unmatched) whose confirmation is unsent after <paramref name="olderThan"/> and that are
    /// younger than <paramref name="notOlderThan"/> (an ancient one is better left to support than sent out of the blue),
    /// never swept before, of payers who have not blocked the bot.
    /// </summary>
    public async Task<IReadOnlyList<Payment>> UnconfirmedAsync(TimeSpan olderThan, TimeSpan notOlderThan, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        return (await store.ReadAsync(c => c.QueryAsync<Payment>(new CommandDefinition(
            $"""
            SELECT {Payment.Columns} FROM payments
            WHERE confirmation_sent_at IS NULL AND confirmation_swept_at IS NULL AND status IN ('fulfilled', 'unmatched')
              AND created_at <= @before AND created_at >= @after
              AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = payments.account_id AND a.blocked_by_user = 1)
            ORDER BY id
            """, new { before = (now - olderThan).Ms(), after = (now - notOlderThan).Ms() }, cancellationToken: ct)), ct)).ToList();
    }

    /// <summary>
    /// Claims the sweep's one attempt at a payment's confirmation: true for the first caller only, so a confirmation
    /// that fails again (Telegram down, the user blocked the bot meanwhile) is not retried every tick for days.
    /// </summary>
    public Task<bool> ClaimSweepAsync(string chargeId, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE payments SET confirmation_swept_at = @now
            WHERE telegram_payment_charge_id = @chargeId AND confirmation_swept_at IS NULL AND confirmation_sent_at IS NULL
            """, new { chargeId, now = clock.NowMs() }, t, cancellationToken: ct)) == 1, ct);

    /// <summary>
    /// Asks for a subscription to be cancelled at Telegram (a refunded plan must not renew); it then shows in
    /// <see cref="PaymentService.PendingSubscriptionCancelsAsync"/> until Telegram confirms. False when there is nothing to cancel.
    /// </summary>
    public Task<bool> RequestSubscriptionCancelAsync(string subscriptionChargeId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => RequestSubscriptionCancelAsync(c, t, subscriptionChargeId, ct), ct);

    /// <summary>In the caller's transaction, so the request commits with the change that needs it.</summary>
    public async Task<bool> RequestSubscriptionCancelAsync(DbConnection c, DbTransaction t, string subscriptionChargeId, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE plan_cycles SET renews = 0, cancel_requested_at = COALESCE(cancel_requested_at, @now)
            WHERE subscription_charge_id = @subscriptionChargeId AND canceled_at IS NULL
            """, new { subscriptionChargeId, now = clock.NowMs() }, t, cancellationToken: ct)) > 0;
}
