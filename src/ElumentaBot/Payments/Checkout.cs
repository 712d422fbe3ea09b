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

/// <summary>
/// Creates the order first, then the Telegram invoice carrying its id as payload: a plan as a 30-day Star
/// subscription link, a package as an invoice message. Both in XTR with exactly one price item.
/// </summary>
public sealed class Checkout(ITelegramBotClient bot, OrderService orders, ModelCatalog catalog, PlanOffers offers, Localizer texts, ILogger<Checkout> logger)
{
    public const int SubscriptionPeriodSeconds = 2_592_000;

    public async Task SendPlanLinkAsync(long chatId, Account account, string planCode, string lang, CancellationToken ct)
    {
        var plan = catalog.FindPlan(planCode)!;
        var order = await orders.CreateAsync(account.Id, OrderKind.Plan, plan.Code, ct)
            ?? throw new InvalidOperationException($"Plan '{planCode}' has no price.");
        string link;
        try
        {
            link = await bot.CreateInvoiceLink(new CreateInvoiceLinkRequest
            {
                Title = texts.Get(lang, "pay.invoice.plan_title", ("name", plan.Name)),
                Description = texts.Get(lang, "pay.invoice.plan_description", ("tokens", offers.Tokens(lang, plan.TokensPerCycle)), ("limits", offers.Limits(lang, plan))),
                Payload = order.Id,
                Currency = "XTR",
                Prices = [new LabeledPrice(plan.Name, order.Stars)],
                SubscriptionPeriod = SubscriptionPeriodSeconds,
            }, ct);
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

    public async Task SendPackageInvoiceAsync(long chatId, Account account, string packageCode, string lang, CancellationToken ct)
    {
        var package = catalog.FindPackage(packageCode)!;
        var order = await orders.CreateAsync(account.Id, OrderKind.Package, package.Code, ct)
            ?? throw new InvalidOperationException($"Package '{packageCode}' has no price.");
        var tokens = offers.Tokens(lang, package.Tokens);
        try
        {
            await bot.SendInvoice(new SendInvoiceRequest
            {
                ChatId = chatId,
                Title = texts.Get(lang, "pay.invoice.package_title", ("name", package.Name), ("tokens", tokens)),
                Description = texts.Get(lang, "pay.invoice.package_description", ("tokens", tokens)),
                Payload = order.Id,
                Currency = "XTR",
                Prices = [new LabeledPrice(package.Name, order.Stars)],
            }, ct);
        }
        catch (RequestException ex)
        {
            await ReportFailureAsync(chatId, account, order, ex, lang, ct);
            return;
        }

        logger.LogInformation("Order {OrderId} for package {Package} of account {AccountId}: invoice sent", order.Id, package.Code, account.Id);
    }

    // The order stays open and unused; telling the user beats a silent button.
    private async Task ReportFailureAsync(long chatId, Account account, Order order, RequestException error, string lang, CancellationToken ct)
    {
        logger.LogWarning(error, "Invoice for order {OrderId} of account {AccountId} could not be created", order.Id, account.Id);
        await bot.SendMessage(chatId, texts.Get(lang, "pay.error.invoice_failed"), cancellationToken: ct);
    }
}
