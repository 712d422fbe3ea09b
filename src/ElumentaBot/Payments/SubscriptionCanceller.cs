using Elumenta.Core.Payments;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

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
            await SetCanceledAsync(telegramUserId, subscriptionChargeId, canceled: true, ct);
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

    /// <summary>Cancels renewal, or (<paramref name="canceled"/> false) lets a subscription the bot cancelled renew again.</summary>
    public Task SetCanceledAsync(long telegramUserId, string subscriptionChargeId, bool canceled, CancellationToken ct) =>
        bot.SendRequest(new StarSubscriptionEdit { UserId = telegramUserId, TelegramPaymentChargeId = subscriptionChargeId, IsCanceled = canceled }, ct);

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
