using Elumenta.Core.Payments;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ElumentaBot.Payments;

/// <summary>
/// Answers <c>pre_checkout_query</c> on the fast lane with one read: accept only this user's open order at
/// today's price in XTR; otherwise a refusal Telegram shows the user. Never leaves a query unanswered.
/// </summary>
public sealed class PreCheckoutHandler(OrderService orders, CurrentUser user, Localizer texts, ILogger<PreCheckoutHandler> logger)
{
    public async Task AnswerAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.Update.PreCheckoutQuery!;
        PreCheckoutDecision decision;
        try
        {
            decision = query.TotalAmount is > 0 and <= int.MaxValue
                ? await orders.JudgePreCheckoutAsync(query.From.Id, query.InvoicePayload, query.Currency, (int)query.TotalAmount, ct)
                : new PreCheckoutDecision.Refuse(PreCheckoutRefusal.PriceChanged);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A retry of the whole update could miss Telegram's 10 s; refusing now charges nothing and the user can retry.
            logger.LogError(ex, "Pre-checkout of order {OrderId} could not be judged; refused", query.InvoicePayload);
            await context.Bot.AnswerPreCheckoutQuery(query.Id, texts.Get(user.Language, "pay.precheckout.unavailable"), ct);
            return;
        }

        if (decision is PreCheckoutDecision.Refuse refuse)
        {
            logger.LogInformation("Pre-checkout of order {OrderId} by Telegram user {TelegramUserId} refused: {Reason}", query.InvoicePayload, query.From.Id, refuse.Reason);
            await context.Bot.AnswerPreCheckoutQuery(query.Id, texts.Get(user.Language, KeyOf(refuse.Reason)), ct);
            return;
        }

        await context.Bot.AnswerPreCheckoutQuery(query.Id, cancellationToken: ct);
    }

    private static string KeyOf(PreCheckoutRefusal reason) => reason switch
    {
        PreCheckoutRefusal.UnknownOrder => "pay.precheckout.unknown_order",
        PreCheckoutRefusal.NotYourOrder => "pay.precheckout.not_your_order",
        PreCheckoutRefusal.AlreadyPaid => "pay.precheckout.already_paid",
        PreCheckoutRefusal.PriceChanged => "pay.precheckout.price_changed",
        PreCheckoutRefusal.WrongCurrency => "pay.precheckout.wrong_currency",
        PreCheckoutRefusal.AccountBanned => "pay.precheckout.banned",
        _ => "pay.precheckout.unknown_order",
    };
}
