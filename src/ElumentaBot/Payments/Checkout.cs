using System.Text.Json.Serialization;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Payments;
using Elumenta.Core.Storage;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Payments;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

/// <summary>
/// Creates the order first, then the Telegram invoice carrying its id as payload: a plan as a 30-day Star
/// subscription link, a package as an invoice message. Both in XTR with exactly one price item. The order is
/// created once per button press (keyed on the callback query id): a retried press re-sends the same order's invoice.
/// </summary>
public sealed class Checkout(
    ITelegramBotClient bot, OrderService orders, Effects effects, ModelCatalog catalog, PlanOffers offers, Localizer texts, ILogger<Checkout> logger)
{
    public const int SubscriptionPeriodSeconds = 2_592_000;

    public const string Currency = "XTR";

    public async Task SendPlanLinkAsync(long chatId, Account account, string planCode, string lang, string effectKey, CancellationToken ct)
    {
        var plan = catalog.FindPlan(planCode)!;
        var order = await OrderOnceAsync(effectKey, account, OrderKind.Plan, plan.Code, ct);
        string link;
        try
        {
            link = await bot.CreateInvoiceLink(
                texts.Get(lang, "pay.invoice.plan_title", ("name", plan.Name)),
                texts.Get(lang, "pay.invoice.plan_description", ("tokens", offers.Tokens(lang, plan.TokensPerCycle)), ("limits", offers.Limits(lang, plan))),
                order.Id, Currency, [new LabeledPrice(plan.Name, order.Stars)], subscriptionPeriod: SubscriptionPeriodSeconds, cancellationToken: ct);
        }
        catch (RequestException ex)
        {
            await ReportFailureAsync(chatId, account, order, ex, lang, ct);
            return;
        }

        await orders.SetInvoiceLinkAsync(order.Id, link, ct);
        logger.LogInformation("Order {OrderId} for plan {Plan} of account {AccountId}: subscription link sent", order.Id, plan.Code, account.Id);
        await bot.SendMessage(chatId, texts.Get(lang, "pay.plan.link", ("name", plan.Name), ("stars", order.Stars)),
            replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithUrl(texts.Get(lang, "pay.plan.link_button", ("stars", order.Stars)), link)]]), cancellationToken: ct);
    }

    public async Task SendPackageInvoiceAsync(long chatId, Account account, string packageCode, string lang, string effectKey, CancellationToken ct)
    {
        var package = catalog.FindPackage(packageCode)!;
        var order = await OrderOnceAsync(effectKey, account, OrderKind.Package, package.Code, ct);
        var tokens = offers.Tokens(lang, package.Tokens);
        try
        {
            await bot.SendInvoice(chatId,
                texts.Get(lang, "pay.invoice.package_title", ("name", package.Name), ("tokens", tokens)),
                texts.Get(lang, "pay.invoice.package_description", ("tokens", tokens)),
                order.Id, Currency, [new LabeledPrice(package.Name, order.Stars)], cancellationToken: ct);
        }
        catch (RequestException ex)
        {
            await ReportFailureAsync(chatId, account, order, ex, lang, ct);
            return;
        }

        logger.LogInformation("Order {OrderId} for package {Package} of account {AccountId}: invoice sent", order.Id, package.Code, account.Id);
    }

    private async Task<Order> OrderOnceAsync(string effectKey, Account account, string kind, string code, CancellationToken ct)
    {
        var once = await effects.RunOnceAsync(effectKey, CheckoutJson.Default.Order, async (c, t) =>
            await orders.CreateAsync(c, t, account.Id, kind, code, ct) ?? throw new InvalidOperationException($"{kind} '{code}' has no price."), ct);
        return once.Value;
    }

    // The order stays open and unused; telling the user beats a silent button.
    private async Task ReportFailureAsync(long chatId, Account account, Order order, RequestException error, string lang, CancellationToken ct)
    {
        logger.LogWarning(error, "Invoice for order {OrderId} of account {AccountId} could not be created", order.Id, account.Id);
        await bot.SendMessage(chatId, texts.Get(lang, "pay.error.invoice_failed"), cancellationToken: ct);
    }
}

[JsonSerializable(typeof(Order))]
internal sealed partial class CheckoutJson : JsonSerializerContext;
