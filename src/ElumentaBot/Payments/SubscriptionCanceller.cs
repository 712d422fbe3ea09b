using Elumenta.Core.Payments;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

/// <summary>
/// Stops a replaced or refunded plan's Star subscription from renewing (<c>editUserStarSubscription</c>,
/// <c>is_canceled: true</c>). The request is already recorded in the store, so a failure here is retried by the
/// scheduler until Telegram confirms.
/// </summary>
public sealed class SubscriptionCanceller(ITelegramBotClient bot, PaymentService payments, ILogger<SubscriptionCanceller> logger)
{
    public async Task<bool> TryCancelAsync(long telegramUserId, string subscriptionChargeId, CancellationToken ct)
    {
        try
        {
            await bot.EditUserStarSubscription(telegramUserId, subscriptionChargeId, isCanceled: true, ct);
        }
        catch (RequestException ex)
        {
            logger.LogWarning(ex, "Cancelling subscription {ChargeId} of Telegram user {TelegramUserId} failed; will retry", subscriptionChargeId, telegramUserId);
            return false;
        }

        await payments.MarkSubscriptionCanceledAsync(subscriptionChargeId, ct);
        logger.LogInformation("Subscription {ChargeId} of Telegram user {TelegramUserId} cancelled", subscriptionChargeId, telegramUserId);
        return true;
    }

    public async Task<int> RetryPendingAsync(CancellationToken ct)
    {
        var done = 0;
        foreach (var (telegramUserId, chargeId) in await payments.PendingSubscriptionCancelsAsync(ct))
        {
            done += await TryCancelAsync(telegramUserId, chargeId, ct) ? 1 : 0;
        }

        return done;
    }
}
