using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using Elumenta.Core.Limits;
using Elumenta.Core.Notifications;
using Elumenta.Core.Payments;
using ElumentaBot.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Notifications;

/// <summary>
/// One tick of the cycle jobs. Each step is claimed or conditional in the store, so a tick that overlaps another
/// process's (or repeats after a crash) does nothing twice. One failing step does not stop the others.
/// </summary>
public sealed class CycleJobs(
    BillingService billing, PlanEndNotices planEnds, NotificationPlanner planner, CycleNotices notices, SubscriptionCanceller canceller,
    PaymentFollowUps followUps, PaymentConfirmations confirmations, StarReconciliation stars, RateLimiter limits, IdempotencyKeys keys, IOptions<SchedulerOptions> options,
    ILogger<CycleJobs> logger)
{
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await StepAsync("expire plans", async () =>
        {
            await billing.ExpireDueAsync(ct);
            foreach (var ended in await planEnds.ClaimAsync(ct))
            {
                await notices.SendAsync(ended, ct);
            }
        }, ct);
        await StepAsync("reminders", async () =>
        {
            foreach (var notice in await planner.ClaimDueAsync(ct))
            {
                await notices.SendAsync(notice, ct);
            }
        }, ct);
        await StepAsync("subscription cancels", () => canceller.RetryPendingAsync(ct), ct);
        await StepAsync("reconcile Star payments", () => stars.RunOnceAsync(ct), ct);
        await StepAsync("unconfirmed payments", async () =>
        {
            var grace = TimeSpan.FromSeconds(options.Value.ConfirmationGraceSeconds);
            foreach (var payment in await followUps.UnconfirmedAsync(grace, TimeSpan.FromDays(2), ct))
            {
                if (!await followUps.ClaimSweepAsync(payment.TelegramPaymentChargeId, ct))
                {
                    continue;
                }

                logger.LogWarning("Payment {ChargeId} of account {AccountId} was never confirmed; confirming now (once)", payment.TelegramPaymentChargeId, payment.AccountId);
                await StepAsync("confirm payment", () => confirmations.SendAsync(payment, ct), ct);
            }
        }, ct);
        await StepAsync("prune rate events", () => limits.PruneAsync(ct), ct);
        await StepAsync("prune idempotency keys", () => keys.PruneAsync(ct), ct);
    }

    private async Task StepAsync(string step, Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Cycle job step {Step} failed; the next tick tries again", step);
        }
    }
}
