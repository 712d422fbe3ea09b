using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

/// <summary>
/// <c>update.subscription</c>: the user cancelled or re-enabled renewal, or a renewal payment failed. The plan
/// itself is untouched (it runs to its end); only whether it renews changes.
/// </summary>
public sealed class SubscriptionHandler(
    PaymentService payments, OrderService orders, CurrentUser user, ModelCatalog catalog, Localizer texts, ILogger<SubscriptionHandler> logger)
{
    /// <summary>Setting whether a plan renews is idempotent by value, so a retried update repeats it harmlessly.</summary>
    public async Task ChangedAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.Subscription is not { InvoicePayload: { } orderId, State: { } state } subscription)
        {
            return;
        }

        var order = await orders.FindAsync(orderId, ct);
        var account = user.Require();
        if (order is null || order.AccountId != account.Id)
        {
            logger.LogWarning("Subscription update {State} for order {OrderId} of Telegram user {TelegramUserId} matches no order of theirs",
                state, orderId, subscription.User.Id);
            return;
        }

        logger.LogInformation("Subscription of order {OrderId} (account {AccountId}) is now {State}", orderId, account.Id, state);
        switch (state)
        {
            case "active":
                await payments.SetRenewsAsync(orderId, true, ct);
                break;
            case "canceled":
                await payments.SetRenewsAsync(orderId, false, ct);
                break;
            case "failed":
                await payments.SetRenewsAsync(orderId, false, ct);
                var lang = user.Language;
                var text = account.Plan == order.ProductCode && account.PlanEndsAt is { } ends
                    ? texts.Get(lang, "pay.subscription.failed", ("plan", catalog.PlanOrFree(order.ProductCode).Name), ("date", ends))
                    : texts.Get(lang, "pay.subscription.failed_no_plan");
                await context.Bot.SendMessage(subscription.User.Id, text,
                    replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData(texts.Get(lang, "notify.plans_button"), PayCallbacks.Plans)]]), cancellationToken: ct);
                break;
        }
    }
}
