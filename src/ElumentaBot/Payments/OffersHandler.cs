using Elumenta.Core.Catalog;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Payments;

/// <summary><c>/plans</c>, the 💎 Plans button, <c>/buy</c> and every <c>pay:</c> button.</summary>
public sealed class OffersHandler(CurrentUser user, PlanOffers offers, Checkout checkout, ModelCatalog catalog, MainMenu menu, Localizer texts)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (user.Account is null)
        {
            return false;
        }

        if (context.Update.CallbackQuery is { Data: { } data } callback && data.StartsWith(PayCallbacks.Prefix, StringComparison.Ordinal))
        {
            await OnCallbackAsync(context, callback, ct);
            return true;
        }

        if (context.Message is not { } message)
        {
            return false;
        }

        var wants = context.Command switch
        {
            "plans" => PayAction.Plans,
            "buy" => PayAction.Buy,
            null when context.Message.Text is { } text && menu.Match(text) == MenuItem.Plans => PayAction.Plans,
            _ => (PayAction?)null,
        };
        if (wants is not { } action)
        {
            return false;
        }

        await ShowAsync(context.Bot, message.Chat.Id, action, ct);
        return true;
    }

    private async Task OnCallbackAsync(UpdateContext context, CallbackQuery callback, CancellationToken ct)
    {
        var lang = user.Language;
        if (PayCallbacks.Parse(callback.Data, catalog) is not { } parsed)
        {
            await context.Bot.AnswerCallbackQuery(callback.Id, texts.Get(lang, "pay.callback.stale"), showAlert: true, cancellationToken: ct);
            return;
        }

        var (action, code) = parsed;

        // Answered first: Telegram keeps the button spinning until then, and the work below calls Telegram again.
        await context.Bot.AnswerCallbackQuery(callback.Id, action == PayAction.Cancel ? texts.Get(lang, "pay.plan.cancelled") : null, cancellationToken: ct);
        var chatId = callback.Message?.Chat.Id ?? callback.From.Id;
        var account = user.Require();
        switch (action)
        {
            case PayAction.Plans or PayAction.Buy:
                await ShowAsync(context.Bot, chatId, action, ct);
                break;
            case PayAction.Plan when offers.HasActivePlan(account):
                var (text, keyboard) = offers.ReplaceWarning(account, catalog.FindPlan(code!)!, lang);
                await context.Bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: ct);
                break;
            case PayAction.Plan or PayAction.ConfirmPlan:
                await checkout.SendPlanLinkAsync(chatId, account, code!, lang, ct);
                break;
            case PayAction.Package:
                await checkout.SendPackageInvoiceAsync(chatId, account, code!, lang, ct);
                break;
        }
    }

    private Task ShowAsync(ITelegramBotClient bot, long chatId, PayAction action, CancellationToken ct)
    {
        var (text, keyboard) = action == PayAction.Buy ? offers.Packages(user.Require(), user.Language) : offers.Plans(user.Require(), user.Language);
        return bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: ct);
    }
}
