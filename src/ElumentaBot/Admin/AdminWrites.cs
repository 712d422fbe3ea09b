using Elumenta.Core.Admin;
using System.Globalization;
using System.Text.Json.Serialization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using ElumentaBot.Payments;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Admin;

/// <summary>
/// The admin commands that change something. Each runs once per idempotency key (the update id): the change,
/// the key and the reply text commit in one transaction, so a retried update (its reply failed, or the process
/// died) re-sends the stored reply instead of granting, banning or refunding again.
/// </summary>
public sealed class AdminWrites(
    Effects effects, BillingService billing, PaymentFollowUps followUps, SubscriptionCanceller canceller, Refunds refunds, Broadcaster broadcaster, Broadcasts broadcasts,
    TimeProvider time, Localizer texts, ILogger<AdminWrites> logger)
{
    public async Task<string> GrantAsync(string key, Account target, int tokens, long adminId, string lang, CancellationToken ct)
    {
        var once = await effects.RunOnceAsync(key, AdminJson.Default.String, async (c, t) =>
        {
            var bonus = await billing.AdminGrantAsync(c, t, target.Id, tokens, adminId, ct);
            return texts.Get(lang, "admin.granted", ("id", Id(target.Id)), ("tokens", texts.Plural(lang, "tokens", tokens)), ("bonus", texts.Plural(lang, "tokens", bonus)));
        }, ct);
        if (once.First)
        {
            logger.LogInformation("Admin {AdminId} granted {Tokens} tokens to account {AccountId}", adminId, tokens, target.Id);
        }

        return once.Value;
    }

    public async Task<string> SetPlanAsync(string key, Account target, Plan plan, int days, long adminId, string lang, CancellationToken ct)
    {
        string? cancel = null;
        var once = await effects.RunOnceAsync(key, AdminJson.Default.String, async (c, t) =>
        {
            var started = await billing.StartCycleAsync(c, t, target.Id, new CycleStart(plan.Code) { Days = days }, time.NowMs(), ct);
            // The replaced plan's subscription would otherwise renew on top of the admin's plan; the scheduler retries the request.
            cancel = started.CancelSubscriptionChargeId is { } old && await followUps.RequestSubscriptionCancelAsync(c, t, old, ct) ? old : null;
            return texts.Get(lang, "admin.plan_set", ("id", Id(target.Id)), ("plan", plan.Name), ("date", started.EndsAt));
        }, ct);
        if (once.First)
        {
            logger.LogInformation("Admin {AdminId} set plan {Plan} for {Days} days on account {AccountId}", adminId, plan.Code, days, target.Id);
        }

        if (once.First && cancel is not null)
        {
            await canceller.TryCancelAsync(target.TelegramUserId, cancel, ct);
        }

        return once.Value;
    }

    public async Task<string> BanAsync(string key, Account target, bool banned, long adminId, string lang, CancellationToken ct)
    {
        var once = await effects.RunOnceAsync(key, AdminJson.Default.String, async (c, t) =>
        {
            await AccountService.SetBannedAsync(c, t, target.Id, banned, ct);
            return texts.Get(lang, banned ? "admin.banned" : "admin.unbanned", ("id", Id(target.Id)));
        }, ct);
        if (once.First)
        {
            logger.LogInformation("Admin {AdminId} set banned={Banned} on account {AccountId}", adminId, banned, target.Id);
        }

        return once.Value;
    }

    public Task<string> RefundAsync(string key, string charge, long adminId, string lang, CancellationToken ct)
    {
        logger.LogInformation("Admin {AdminId} refunds charge {ChargeId}", adminId, charge);
        return refunds.RefundAsync(charge, adminId, key, outcome => outcome switch
        {
            RefundOutcome.Done done => texts.Get(lang, "admin.refund.done", ("stars", done.Result.Payment.Stars), ("charge", charge), ("id", Id(done.AccountId)),
                ("taken", done.Result.TokensTaken), ("ended", texts.Get(lang, done.Result.PlanEnded ? "admin.yes" : "admin.no"))),
            RefundOutcome.AlreadyRefunded => texts.Get(lang, "admin.refund.already", ("charge", charge)),
            RefundOutcome.TelegramRefused refused => texts.Get(lang, "admin.refund.failed", ("charge", charge), ("error", refused.Error)),
            _ => texts.Get(lang, "admin.refund.unknown", ("charge", charge)),
        }, ct);
    }

    /// <summary>Queued in the command's transaction under its key: a retry never queues the text twice, a crash never loses it.</summary>
    public async Task StartBroadcastAsync(string key, BroadcastJob job, CancellationToken ct)
    {
        var once = await effects.RunOnceAsync(key, AdminJson.Default.String, async (c, t) =>
        {
            await broadcasts.EnqueueAsync(c, t, key, job.AdminId, job.AdminChatId, job.Language, job.Text, ct);
            return "";
        }, ct);
        if (once.First)
        {
            logger.LogInformation("Admin {AdminId} queued a broadcast of {Length} characters", job.AdminId, job.Text.Length);
            broadcaster.Wake();
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

[JsonSerializable(typeof(string))]
internal sealed partial class AdminJson : JsonSerializerContext;
