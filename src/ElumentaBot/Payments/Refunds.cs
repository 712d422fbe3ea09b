using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

public abstract record RefundOutcome
{
    private RefundOutcome()
    {
    }

    public sealed record Done(RefundResult.Refunded Result, long AccountId) : RefundOutcome;

    public sealed record AlreadyRefunded : RefundOutcome;

    public sealed record UnknownCharge : RefundOutcome;

    public sealed record TelegramRefused(string Error) : RefundOutcome;
}

/// <summary>
/// Refunds: Telegram first (the user is never reversed without getting the Stars back), then the reversal in
/// the store, once. A refunded plan's subscription is also told to stop renewing.
/// </summary>
public sealed class Refunds(
    ITelegramBotClient bot, PaymentService payments, PaymentFollowUps followUps, SubscriptionCanceller canceller, AccountService accounts,
    ModelCatalog catalog, Localizer texts, ILogger<Refunds> logger)
{
    /// <summary>The admin's <c>/refund</c>.</summary>
    public async Task<RefundOutcome> RefundAsync(string chargeId, long adminId, CancellationToken ct)
    {
        if (await payments.FindAsync(chargeId, ct) is not { } payment)
        {
            return new RefundOutcome.UnknownCharge();
        }

        if (payment.RefundedAt is not null)
        {
            return new RefundOutcome.AlreadyRefunded();
        }

        var account = (await accounts.FindAsync(payment.AccountId, ct))!;
        try
        {
            await bot.RefundStarPayment(account.TelegramUserId, chargeId, ct);
        }
        catch (RequestException ex) when (ex.Description.Contains("CHARGE_ALREADY_REFUNDED", StringComparison.OrdinalIgnoreCase))
        {
            // Refunded at Telegram already (by an earlier attempt that died before recording it): record it now.
            logger.LogWarning("Charge {ChargeId} was already refunded at Telegram; recording the refund", chargeId);
        }
        catch (RequestException ex)
        {
            logger.LogWarning(ex, "Admin {AdminId}: Telegram refused to refund charge {ChargeId}", adminId, chargeId);
            return new RefundOutcome.TelegramRefused(ex.Description.Length > 0 ? ex.Description : ex.Message);
        }

        return await RecordAsync(chargeId, ct) is { } done ? done : new RefundOutcome.AlreadyRefunded();
    }

    /// <summary>A <c>refunded_payment</c> service message: Telegram has refunded already; only the store follows.</summary>
    public async Task<RefundOutcome.Done?> RecordAsync(string chargeId, CancellationToken ct)
    {
        var result = await payments.RecordRefundAsync(chargeId, ct);
        if (result is not RefundResult.Refunded refunded)
        {
            if (result is RefundResult.UnknownCharge)
            {
                logger.LogWarning("Refund of unknown charge {ChargeId} ignored", chargeId);
            }

            return null;
        }

        var payment = refunded.Payment;
        logger.LogInformation("Charge {ChargeId} of account {AccountId} refunded: {TokensTaken} tokens taken, plan ended {PlanEnded}",
            chargeId, payment.AccountId, refunded.TokensTaken, refunded.PlanEnded);
        var account = (await accounts.FindAsync(payment.AccountId, ct))!;
        if (payment.SubscriptionChargeId is { } subscription && await followUps.RequestSubscriptionCancelAsync(subscription, ct))
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
