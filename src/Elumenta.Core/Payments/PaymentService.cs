using System.Data.Common;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Growth;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Elumenta.Core.Payments;

/// <summary>
/// Fulfils <c>successful_payment</c> exactly once per <c>telegram_payment_charge_id</c>: the payment row
/// (unique on the charge id), the order, the plan cycle or package credit and their ledger entries commit
/// together or not at all. Refunds reverse it once.
/// </summary>
public sealed class PaymentService(Store store, ModelCatalog catalog, BillingService billing, TimeProvider clock, ILogger<PaymentService> logger,
    ReferralRewards? referrals = null)
{
    public Task<FulfilmentResult> FulfilAsync(SuccessfulPaymentInfo info, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        return store.WriteAsync(async (c, t) =>
        {
            if (await FindByChargeAsync(c, t, info.TelegramPaymentChargeId, ct) is { } seen)
            {
                return (FulfilmentResult)new FulfilmentResult.Duplicate(seen);
            }

            var now = clock.NowMs();
            // The update pipeline creates the sender's account before any handler runs.
            var payer = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                "SELECT id FROM accounts WHERE telegram_user_id = @TelegramUserId", new { info.TelegramUserId }, t, cancellationToken: ct))
                ?? throw new InvalidOperationException($"Telegram user {info.TelegramUserId} paid but has no account.");
            var order = await c.QuerySingleOrDefaultAsync<Order>(new CommandDefinition(
                $"SELECT {Order.Columns} FROM orders WHERE id = @InvoicePayload", new { info.InvoicePayload }, t, cancellationToken: ct));
            if (order is null)
            {
                var orphan = await InsertPaymentAsync(c, t, info, payer, order, "unmatched", null, null, 0, now, ct);
                logger.LogCritical("Payment {ChargeId} for unknown order {OrderId} from Telegram user {TelegramUserId} recorded for support",
                    info.TelegramPaymentChargeId, info.InvoicePayload, info.TelegramUserId);
                return new FulfilmentResult.Unmatched(orphan);
            }

            // Whoever paid is credited: a forwarded invoice can be paid by someone other than its creator.
            var accountId = payer;
            string? cancel = null;
            long? cycleId = null;
            string? subscription = null;
            var tokens = 0;
            if (order.Kind == OrderKind.Package)
            {
                tokens = catalog.FindPackage(order.ProductCode)?.Tokens
                    ?? throw new InvalidOperationException($"Package '{order.ProductCode}' of order {order.Id} is no longer in the catalog.");
                await billing.CreditPackageAsync(c, t, accountId, tokens, info.TelegramPaymentChargeId, now, ct);
            }
            else
            {
                subscription = info.IsRecurring && !info.IsFirstRecurring
                    ? await FirstChargeOfOrderAsync(c, t, order.Id, ct) ?? info.TelegramPaymentChargeId
                    : info.IsRecurring ? info.TelegramPaymentChargeId : null;
                if (info.IsRecurring && !info.IsFirstRecurring && await IsReplacedSubscriptionAsync(c, t, accountId, subscription!, ct))
                {
                    // A renewal of a plan the user already left (its cancel is still pending at Telegram) must not end
                    // the plan they moved to: its tokens go to the bonus pool instead, and the cancel keeps being retried.
                    tokens = catalog.FindPlan(order.ProductCode)!.TokensPerCycle;
                    await billing.CreditPackageAsync(c, t, accountId, tokens, info.TelegramPaymentChargeId, now, ct);
                    var late = await InsertPaymentAsync(c, t, info, accountId, order, "fulfilled", null, subscription, tokens, now, ct);
                    await RewardReferralAsync(c, t, accountId, info.TelegramPaymentChargeId, tokens, now, ct);
                    logger.LogWarning("Late renewal {ChargeId} of replaced subscription {Subscription}: {Tokens} tokens credited as bonus, plan kept",
                        info.TelegramPaymentChargeId, subscription, tokens);
                    return new FulfilmentResult.Fulfilled(late, null);
                }

                var started = await billing.StartCycleAsync(c, t, accountId,
                    new CycleStart(order.ProductCode) { PaymentChargeId = info.TelegramPaymentChargeId, SubscriptionChargeId = subscription }, now, ct);
                cycleId = started.CycleId;
                tokens = catalog.FindPlan(order.ProductCode)!.TokensPerCycle;
                cancel = started.CancelSubscriptionChargeId;
                if (cancel is not null)
                {
                    await c.ExecuteAsync(new CommandDefinition(
                        "UPDATE plan_cycles SET renews = 0, cancel_requested_at = @now WHERE subscription_charge_id = @cancel AND canceled_at IS NULL",
                        new { cancel, now }, t, cancellationToken: ct));
                }
            }

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE orders SET status = 'paid', paid_at = COALESCE(paid_at, @now) WHERE id = @Id AND status = 'open'",
                new { order.Id, now }, t, cancellationToken: ct));
            var payment = await InsertPaymentAsync(c, t, info, accountId, order, "fulfilled", cycleId, subscription, tokens, now, ct);
            await RewardReferralAsync(c, t, accountId, info.TelegramPaymentChargeId, tokens, now, ct);
            return new FulfilmentResult.Fulfilled(payment, cancel);
        }, ct);
    }

    // Referral bonuses commit with the payment that causes them (and exist only if it does).
    private Task RewardReferralAsync(DbConnection c, DbTransaction t, long accountId, string chargeId, int tokens, long now, CancellationToken ct) =>
        referrals?.OnPaymentAsync(c, t, accountId, chargeId, tokens, now, ct) ?? Task.CompletedTask;

    /// <summary>True when <paramref name="subscription"/>'s cycle was replaced by another plan and its cancel requested.</summary>
    private static async Task<bool> IsReplacedSubscriptionAsync(DbConnection c, DbTransaction t, long accountId, string subscription, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM plan_cycles pc
            WHERE pc.account_id = @accountId AND pc.subscription_charge_id = @subscription AND pc.cancel_requested_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM accounts a JOIN plan_cycles cur ON cur.id = a.cycle_id
                              WHERE a.id = @accountId AND cur.subscription_charge_id = @subscription)
            """, new { accountId, subscription }, t, cancellationToken: ct)) > 0;

    /// <summary>Records that the user was told; a redelivered payment whose confirmation is still unsent gets one.</summary>
    public Task MarkConfirmedAsync(string chargeId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE payments SET confirmation_sent_at = @now WHERE telegram_payment_charge_id = @chargeId AND confirmation_sent_at IS NULL",
            new { chargeId, now = clock.NowMs() }, t, cancellationToken: ct)), ct);

    /// <summary>
    /// Reverses a payment once: a package's tokens leave the bonus pool (never below zero; what was spent stays
    /// spent and is noted); a plan paid by this charge ends now if it is still the current cycle.
    /// </summary>
    public Task<RefundResult> RecordRefundAsync(string chargeId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => RecordRefundAsync(c, t, chargeId, ct), ct);

    /// <summary>In the caller's transaction (an admin's <c>/refund</c> records its idempotency key with the reversal).</summary>
    public async Task<RefundResult> RecordRefundAsync(DbConnection c, DbTransaction t, string chargeId, CancellationToken ct)
    {
        if (await FindByChargeAsync(c, t, chargeId, ct) is not { } payment)
        {
            return new RefundResult.UnknownCharge();
        }

        if (payment.RefundedAt is not null)
        {
            return new RefundResult.AlreadyRefunded(payment);
        }

        var now = clock.NowMs();
        var taken = 0;
        var planEnded = false;
        string? note = null;
        // A package, or a late renewal of a replaced plan that was credited as bonus tokens (no cycle of its own).
        if (payment.Status == "fulfilled" && (payment.Kind == OrderKind.Package || payment.CycleId is null && payment.TokensCredited > 0))
        {
            (taken, note) = await billing.ReversePackageAsync(c, t, payment.AccountId, payment.TokensCredited, chargeId, now, ct);
        }
        else if (payment.Status == "fulfilled" && payment.CycleId is { } cycleId
                 && await AccountService.SelectByIdAsync(c, t, payment.AccountId, ct) is { } account && account.CycleId == cycleId)
        {
            planEnded = await billing.EndPlanAsync(c, t, payment.AccountId, "refunded", now, ct);
        }

        if (referrals is not null)
        {
            await referrals.OnRefundAsync(c, t, chargeId, now, ct);
        }

        await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE payments SET status = 'refunded', refunded_at = @now, refund_tokens_taken = @taken, refund_note = @note
            WHERE id = @Id;
            UPDATE orders SET status = 'refunded' WHERE id = @OrderId;
            """, new { payment.Id, payment.OrderId, now, taken, note }, t, cancellationToken: ct));
        return new RefundResult.Refunded((await FindByChargeAsync(c, t, chargeId, ct))!, taken, planEnded);
    }

    /// <summary>The user cancelled or re-enabled their Star subscription (<c>update.subscription</c>).</summary>
    public Task SetRenewsAsync(string orderId, bool renews, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE plan_cycles SET renews = @renews
            WHERE subscription_charge_id IN (SELECT telegram_payment_charge_id FROM payments WHERE order_id = @orderId)
              AND ended_at IS NULL
            """, new { orderId, renews = renews ? 1 : 0 }, t, cancellationToken: ct)), ct);

    /// <summary>Replaced subscriptions still renewing at Telegram (retried until Telegram confirms the cancel).</summary>
    public async Task<IReadOnlyList<(long TelegramUserId, string ChargeId)>> PendingSubscriptionCancelsAsync(CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<(long, string)>(new CommandDefinition(
            """
            SELECT DISTINCT a.telegram_user_id, pc.subscription_charge_id
            FROM plan_cycles pc JOIN accounts a ON a.id = pc.account_id
            WHERE pc.cancel_requested_at IS NOT NULL AND pc.canceled_at IS NULL
            """, cancellationToken: ct)), ct)).ToList();

    public Task MarkSubscriptionCanceledAsync(string subscriptionChargeId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE plan_cycles SET canceled_at = @now, renews = 0 WHERE subscription_charge_id = @subscriptionChargeId AND canceled_at IS NULL",
            new { subscriptionChargeId, now = clock.NowMs() }, t, cancellationToken: ct)), ct);

    public Task<Payment?> FindAsync(string chargeId, CancellationToken ct = default) =>
        store.ReadAsync(c => FindByChargeAsync(c, null, chargeId, ct), ct);

    public async Task<IReadOnlyList<Payment>> ListRecentAsync(long accountId, int count, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<Payment>(new CommandDefinition(
            $"SELECT {Payment.Columns} FROM payments WHERE account_id = @accountId ORDER BY id DESC LIMIT @count",
            new { accountId, count }, cancellationToken: ct)), ct)).ToList();

    private static Task<Payment?> FindByChargeAsync(DbConnection c, DbTransaction? t, string chargeId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<Payment>(new CommandDefinition(
            $"SELECT {Payment.Columns} FROM payments WHERE telegram_payment_charge_id = @chargeId", new { chargeId }, t, cancellationToken: ct));

    /// <summary>True when the order behind <paramref name="orderId"/> was already paid once (a recurring charge for it is a renewal).</summary>
    public Task<bool> HasSubscriptionOrderPaymentAsync(string orderId, CancellationToken ct = default) =>
        store.ReadAsync(async c => await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM payments WHERE order_id = @orderId AND status <> 'unmatched'", new { orderId }, cancellationToken: ct)) > 0, ct);

    private static Task<string?> FirstChargeOfOrderAsync(DbConnection c, DbTransaction t, string orderId, CancellationToken ct) =>
        c.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT COALESCE(subscription_charge_id, telegram_payment_charge_id) FROM payments WHERE order_id = @orderId AND status <> 'unmatched' ORDER BY id LIMIT 1",
            new { orderId }, t, cancellationToken: ct));

    private static async Task<Payment> InsertPaymentAsync(
        DbConnection c, DbTransaction t, SuccessfulPaymentInfo info, long accountId, Order? order, string status,
        long? cycleId, string? subscription, int tokens, long now, CancellationToken ct)
    {
        var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO payments (telegram_payment_charge_id, provider_payment_charge_id, order_id, account_id, kind, product_code, stars,
                                  currency, is_recurring, is_first_recurring, subscription_charge_id, subscription_expiration_date,
                                  cycle_id, tokens_credited, status, created_at)
            VALUES (@TelegramPaymentChargeId, @ProviderPaymentChargeId, @InvoicePayload, @accountId, @kind, @product, @TotalAmount,
                    @Currency, @IsRecurring, @IsFirstRecurring, @subscription, @SubscriptionExpirationDate,
                    @cycleId, @tokens, @status, @now)
            RETURNING id
            """,
            new
            {
                info.TelegramPaymentChargeId, info.ProviderPaymentChargeId, info.InvoicePayload, accountId, kind = order?.Kind ?? "unknown",
                product = order?.ProductCode ?? "unknown", info.TotalAmount, info.Currency, IsRecurring = info.IsRecurring ? 1 : 0, IsFirstRecurring = info.IsFirstRecurring ? 1 : 0,
                subscription, info.SubscriptionExpirationDate, cycleId, tokens, status, now,
            }, t, cancellationToken: ct));
        return (await c.QuerySingleAsync<Payment>(new CommandDefinition($"SELECT {Payment.Columns} FROM payments WHERE id = @id", new { id }, t, cancellationToken: ct)))!;
    }
}
