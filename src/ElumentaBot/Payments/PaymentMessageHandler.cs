using Elumenta.Core.Payments;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Payments;

/// <summary>
/// <c>successful_payment</c>: fulfil exactly once (keyed on the charge id, in the store), then cancel the replaced
/// subscription and confirm. A redelivery or retry is a <c>Duplicate</c> and is confirmed only if it never was.
/// <c>refunded_payment</c>: record the reversal once (keyed on the charge id: the payment's refunded mark).
/// </summary>
public sealed class PaymentMessageHandler(
    PaymentService payments, PaymentConfirmations confirmations, SubscriptionCanceller canceller, Refunds refunds,
    ILogger<PaymentMessageHandler> logger)
{
    public async Task RefundedAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        await refunds.RecordAsync(context.Message!.RefundedPayment!.TelegramPaymentChargeId, ct);
    }

    public async Task PaidAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message!;
        var paid = message.SuccessfulPayment!;
        var from = message.From!;
        var info = new SuccessfulPaymentInfo(from.Id, paid.Currency, checked((int)paid.TotalAmount), paid.InvoicePayload, paid.TelegramPaymentChargeId)
        {
            ProviderPaymentChargeId = paid.ProviderPaymentChargeId,
            IsRecurring = paid.IsRecurring,
            IsFirstRecurring = paid.IsFirstRecurring,
            SubscriptionExpirationDate = paid.SubscriptionExpirationDate is { } expires
                ? new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)).ToUnixTimeSeconds()
                : null,
        };
        switch (await payments.FulfilAsync(info, ct))
        {
            case FulfilmentResult.Fulfilled fulfilled:
                logger.LogInformation("Payment {ChargeId} fulfilled for account {AccountId}: {Kind} {Product}",
                    fulfilled.Payment.TelegramPaymentChargeId, fulfilled.Payment.AccountId, fulfilled.Payment.Kind, fulfilled.Payment.ProductCode);
                if (fulfilled.CancelSubscriptionChargeId is { } old)
                {
                    await canceller.TryCancelAsync(from.Id, old, ct);
                }

                await confirmations.SendAsync(fulfilled.Payment, ct);
                break;
            case FulfilmentResult.Duplicate { Payment.ConfirmationSentAt: null } duplicate:
                logger.LogInformation("Payment {ChargeId} seen again and never confirmed; confirming now", duplicate.Payment.TelegramPaymentChargeId);
                await confirmations.SendAsync(duplicate.Payment, ct);
                break;
            case FulfilmentResult.Duplicate duplicate:
                logger.LogInformation("Payment {ChargeId} seen again; already confirmed", duplicate.Payment.TelegramPaymentChargeId);
                break;
            case FulfilmentResult.Unmatched unmatched:
                await confirmations.SendAsync(unmatched.Payment, ct);
                break;
        }
    }
}
