using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Payments;

/// <summary><c>/plans</c>, the 💎 Plans button, <c>/buy</c> and every <c>pay:</c> button.</summary>
public sealed class OffersHandler(CurrentUser user, PlanOffers offers, Checkout checkout, ModelCatalog catalog, Localizer texts)
{
    public Task PlansAsync(UpdateContext context, CancellationToken ct) => ShowAsync(context, context.Message!.Chat.Id, PayAction.Plans, ct);

    public Task BuyAsync(UpdateContext context, CancellationToken ct) => ShowAsync(context, context.Message!.Chat.Id, PayAction.Buy, ct);

    public async Task CallbackAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var callback = context.Callback!;
        var lang = user.Language;
        if (PayCallbacks.Parse(callback.Data, catalog) is not { } parsed)
        {
            await context.AnswerAsync(callback, texts.Get(lang, "pay.callback.stale"), alert: true, ct);
            return;
        }

        var (action, code) = parsed;

        // Answered first: Telegram keeps the button spinning until then, and the work below calls Telegram again.
        await context.AnswerAsync(callback, action == PayAction.Cancel ? texts.Get(lang, "pay.plan.cancelled") : null, ct: ct);
        var chatId = callback.Message?.Chat.Id ?? callback.From.Id;
        var account = user.Require();
        var orderKey = context.EffectKey;
        switch (action)
        {
            case PayAction.Plans or PayAction.Buy:
                await ShowAsync(context, chatId, action, ct);
                break;
            case PayAction.Plan when offers.HasActivePlan(account):
                var (text, keyboard) = offers.ReplaceWarning(account, catalog.FindPlan(code!)!, lang);
                await context.Bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: ct);
                break;
            case PayAction.Plan or PayAction.ConfirmPlan:
                await checkout.SendPlanLinkAsync(chatId, account, code!, lang, orderKey, ct);
                break;
            case PayAction.Package:
                await checkout.SendPackageInvoiceAsync(chatId, account, code!, lang, orderKey, ct);
                break;
        }
    }

    private Task ShowAsync(UpdateContext context, long chatId, PayAction action, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (text, keyboard) = action == PayAction.Buy ? offers.Packages(user.Require(), user.Language) : offers.Plans(user.Require(), user.Language);
        return context.Bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: ct);
    }
}
