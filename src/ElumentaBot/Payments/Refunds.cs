using System.Data.Common;
using System.Text.Json;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace ElumentaBot.Payments;

/// <summary>
/// Refunds: Telegram first (the user is never reversed without getting the Stars back), then the reversal in
/// the store, once per charge. A refunded plan's subscription is also told to stop renewing: the request commits
/// with the reversal, and the scheduler retries it if Telegram fails now.
/// </summary>
public sealed class Refunds(
    ITelegramBotClient bot, Store store, Effects effects, PaymentService payments, PaymentFollowUps followUps, SubscriptionCanceller canceller,
    AccountService accounts, ModelCatalog catalog, Localizer texts, ILogger<Refunds> logger)
{
    /// <summary>
    /// The admin's <c>/refund</c>, once per <paramref name="effectKey"/>: the reply is built inside the reversal's
    /// transaction and stored with the key, so a retry re-sends it instead of answering "already refunded".
    /// </summary>
    public async Task<string> RefundAsync(string chargeId, long adminId, string effectKey, Func<RefundOutcome, string> reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (await effects.FindAsync(effectKey, ct) is { } stored)
        {
            return JsonSerializer.Deserialize(stored, RefundJson.Default.String)!;
        }

        if (await payments.FindAsync(chargeId, ct) is not { } payment)
        {
            return reply(new RefundOutcome.UnknownCharge());
        }

        if (payment.RefundedAt is not null)
        {
            return reply(new RefundOutcome.AlreadyRefunded());
        }

        var account = (await accounts.FindAsync(payment.AccountId, ct))!;
        try
        {
            await bot.RefundStarPayment(account.TelegramUserId, chargeId, ct);
        }
        catch (ApiRequestException ex) when (ex.Message.Contains("CHARGE_ALREADY_REFUNDED", StringComparison.OrdinalIgnoreCase))
        {
            // Refunded at Telegram already (by an earlier attempt that died before recording it): record it now.
            logger.LogWarning("Charge {ChargeId} was already refunded at Telegram; recording the refund", chargeId);
        }
        catch (RequestException ex)
        {
            logger.LogWarning(ex, "Admin {AdminId}: Telegram refused to refund charge {ChargeId}", adminId, chargeId);
            return reply(new RefundOutcome.TelegramRefused(ex.Message));
        }

        Recorded? recorded = null;
        var once = await effects.RunOnceAsync(effectKey, RefundJson.Default.String, async (c, t) =>
        {
            recorded = await RecordInAsync(c, t, chargeId, ct);
            return reply(recorded.Result is RefundResult.Refunded refunded ? new RefundOutcome.Done(refunded, account.Id) : new RefundOutcome.AlreadyRefunded());
        }, ct);
        if (once.First && recorded is { Result: RefundResult.Refunded done })
        {
            await FollowUpAsync(done, recorded.CancelRequested, ct);
        }

        return once.Value;
    }

    /// <summary>A <c>refunded_payment</c> service message: Telegram has refunded already; only the store follows.</summary>
    public async Task<RefundOutcome.Done?> RecordAsync(string chargeId, CancellationToken ct)
    {
        var recorded = await store.WriteAsync((c, t) => RecordInAsync(c, t, chargeId, ct), ct);
        if (recorded.Result is not RefundResult.Refunded refunded)
        {
            if (recorded.Result is RefundResult.UnknownCharge)
            {
                logger.LogWarning("Refund of unknown charge {ChargeId} ignored", chargeId);
            }

            return null;
        }

        return await FollowUpAsync(refunded, recorded.CancelRequested, ct);
    }

    private sealed record Recorded(RefundResult Result, bool CancelRequested);

    private async Task<Recorded> RecordInAsync(DbConnection c, DbTransaction t, string chargeId, CancellationToken ct)
    {
        var result = await payments.RecordRefundAsync(c, t, chargeId, ct);
        var cancel = result is RefundResult.Refunded { Payment.SubscriptionChargeId: { } subscription }
            && await followUps.RequestSubscriptionCancelAsync(c, t, subscription, ct);
        return new Recorded(result, cancel);
    }

    private async Task<RefundOutcome.Done> FollowUpAsync(RefundResult.Refunded refunded, bool cancelRequested, CancellationToken ct)
    {
        var payment = refunded.Payment;
        logger.LogInformation("Charge {ChargeId} of account {AccountId} refunded: {TokensTaken} tokens taken, plan ended {PlanEnded}",
            payment.TelegramPaymentChargeId, payment.AccountId, refunded.TokensTaken, refunded.PlanEnded);
        var account = (await accounts.FindAsync(payment.AccountId, ct))!;
        if (cancelRequested && payment.SubscriptionChargeId is { } subscription)
        {
            await canceller.TryCancelAsync(account.TelegramUserId, subscription, ct);
        }

        await TellUserAsync(account, refunded, ct);
        return new RefundOutcome.Done(refunded, account.Id);
    }

    private async Task TellUserAsync(Account account, RefundResult.Refunded refunded, CancellationToken ct)
    {
        var lang = account.Language;
        var payment = refunded.Payment;
        var product = payment.Kind == OrderKind.Plan ? catalog.PlanOrFree(payment.ProductCode).Name : catalog.FindPackage(payment.ProductCode)?.Name ?? payment.ProductCode;
        var balance = texts.Plural(lang, "tokens", account.Balance);
        var spent = payment.TokensCredited - refunded.TokensTaken;
        var text = payment.Kind == OrderKind.Package && payment.TokensCredited > 0
            ? texts.Get(lang, "pay.refund.package", ("stars", payment.Stars), ("product", product), ("taken", texts.Plural(lang, "tokens", refunded.TokensTaken)),
                ("spent", spent > 0 ? texts.Get(lang, "pay.refund.spent_note", ("spent", texts.Plural(lang, "tokens", spent))) : ""), ("balance", balance))
            : refunded.PlanEnded
                ? texts.Get(lang, "pay.refund.plan_ended", ("stars", payment.Stars), ("product", product), ("balance", balance))
                : texts.Get(lang, "pay.refund.generic", ("stars", payment.Stars), ("product", product), ("balance", balance));
        try
        {
            await bot.SendMessage(account.TelegramUserId, text, cancellationToken: ct);
        }
        catch (RequestException ex)
        {
            // The refund is recorded; a lost notice must not make the admin's command or the update fail.
            logger.LogWarning(ex, "Refund notice for charge {ChargeId} to account {AccountId} could not be sent", payment.TelegramPaymentChargeId, account.Id);
        }
    }
}
