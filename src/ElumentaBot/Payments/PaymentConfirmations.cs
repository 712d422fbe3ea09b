using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using Elumenta.Core.Support;
using ElumentaBot.Growth.Referrals;
using ElumentaBot.Localization;
using ElumentaBot.Support;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

/// <summary>
/// The one message a payment owes its payer, then <see cref="PaymentService.MarkConfirmedAsync"/>. Sent after
/// the credit committed; if the send fails the payment stays unconfirmed and is confirmed on redelivery or by the
/// scheduler's sweep, never twice once marked.
/// </summary>
public sealed class PaymentConfirmations(
    ITelegramBotClient bot, AccountService accounts, PaymentService payments, TicketDesk desk, SupportLinks links,
    ModelCatalog catalog, Localizer texts, ILogger<PaymentConfirmations> logger, ReferralNotices referralNotices)
{
    public async Task SendAsync(Payment payment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var account = await accounts.FindAsync(payment.AccountId, ct)
            ?? throw new InvalidOperationException($"Payment {payment.TelegramPaymentChargeId} belongs to no account.");
        var lang = account.Language;
        ReplyMarkup? markup = null;
        string text;
        if (payment.Status == "unmatched")
        {
            // One ticket per charge, however often the confirmation is retried (redelivery, the scheduler's sweep).
            var ticket = await desk.OpenOnceAsync("ticket:charge:" + payment.TelegramPaymentChargeId, account.Id, TicketReason.Payment, null, ct);
            logger.LogWarning("Unmatched payment {ChargeId} of account {AccountId}: support ticket {TicketCode}", payment.TelegramPaymentChargeId, account.Id, ticket.Code);
            text = texts.Get(lang, "pay.confirm.unmatched", ("stars", payment.Stars));
            markup = links.Button(ticket.Code, lang);
        }
        else
        {
            text = Describe(payment, account, lang);
        }

        await bot.SendMessage(account.TelegramUserId, text, replyMarkup: markup, cancellationToken: ct);
        await payments.MarkConfirmedAsync(payment.TelegramPaymentChargeId, ct);
        logger.LogInformation("Payment {ChargeId} of account {AccountId} confirmed to the user", payment.TelegramPaymentChargeId, account.Id);
        // The referral bonuses this payment caused (already credited with it), each announced once.
        await referralNotices.AfterPaymentAsync(payment.TelegramPaymentChargeId, ct);
    }

    private string Describe(Payment payment, Account account, string lang)
    {
        var balance = texts.Plural(lang, "tokens", account.Balance);
        if (payment.Kind == OrderKind.Package)
        {
            return texts.Get(lang, "pay.confirm.package", ("tokens", texts.Plural(lang, "tokens", payment.TokensCredited)), ("balance", balance));
        }

        var plan = catalog.PlanOrFree(payment.ProductCode);
        if (payment.CycleId is null)
        {
            // A late renewal of a plan the user already replaced: its tokens went to the bonus pool.
            return texts.Get(lang, "pay.confirm.renewal_as_bonus", ("plan", plan.Name), ("tokens", texts.Plural(lang, "tokens", payment.TokensCredited)), ("balance", balance));
        }

        // The cycle a payment starts ends CycleDays after it; the account may have moved on since (a redelivery).
        var ends = UnixTime.FromMs(payment.CreatedAt) + TimeSpan.FromDays(plan.CycleDays);
        var key = payment.IsRecurring && !payment.IsFirstRecurring ? "pay.confirm.renewal" : "pay.confirm.plan";
        return texts.Get(lang, key, ("plan", plan.Name), ("date", ends), ("balance", balance),
            ("plan_tokens", texts.Plural(lang, "tokens", account.PlanTokens)), ("bonus_tokens", texts.Plural(lang, "tokens", account.BonusTokens)));
    }
}
