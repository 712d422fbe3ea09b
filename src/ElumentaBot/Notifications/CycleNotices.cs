using Elumenta.Core.Catalog;
using Elumenta.Core.Notifications;
using ElumentaBot.Localization;
using ElumentaBot.Payments;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Notifications;

/// <summary>The scheduler's messages: plan reminders, low balance, plan ended; each with a Plans button.</summary>
public sealed class CycleNotices(ITelegramBotClient bot, ModelCatalog catalog, Localizer texts, ILogger<CycleNotices> logger)
{
    public Task<bool> SendAsync(Notice notice, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var lang = notice.Language;
        var plan = catalog.PlanOrFree(notice.Plan).Name;
        var text = notice.Kind switch
        {
            NoticeKind.LowBalance => texts.Get(lang, "notify.low_balance", ("left", Tokens(lang, notice.PlanTokens)), ("allowance", Tokens(lang, notice.Allowance)), ("date", notice.PlanEndsAt)),
            NoticeKind.PlanEndsIn1Day => texts.Get(lang, "notify.plan_ends_1d", ("plan", plan), ("date", notice.PlanEndsAt), ("tokens", Tokens(lang, notice.PlanTokens))),
            _ => texts.Get(lang, "notify.plan_ends_3d", ("plan", plan), ("date", notice.PlanEndsAt), ("tokens", Tokens(lang, notice.PlanTokens))),
        };
        return TrySendAsync(notice.TelegramUserId, notice.AccountId, notice.Kind, text, Buttons(lang, notice.Kind == NoticeKind.LowBalance), ct);
    }

    public Task<bool> SendAsync(PlanEnded ended, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var text = texts.Get(ended.Language, "notify.plan_ended", ("plan", catalog.PlanOrFree(ended.Plan).Name), ("bonus", Tokens(ended.Language, ended.BonusTokens)));
        return TrySendAsync(ended.TelegramUserId, ended.AccountId, PlanEndNotices.Kind, text, Buttons(ended.Language, withBuy: false), ct);
    }

    // Claimed notices are not retried: a reminder that failed to send is not worth a second try later.
    private async Task<bool> TrySendAsync(long chatId, long accountId, string kind, string text, InlineKeyboardMarkup buttons, CancellationToken ct)
    {
        try
        {
            await bot.SendMessage(chatId, text, replyMarkup: buttons, cancellationToken: ct);
            return true;
        }
        catch (RequestException ex)
        {
            logger.LogWarning(ex, "Notice {Kind} to account {AccountId} could not be sent", kind, accountId);
            return false;
        }
    }

    private InlineKeyboardMarkup Buttons(string lang, bool withBuy)
    {
        InlineKeyboardButton[] row = withBuy
            ? [InlineKeyboardButton.WithCallbackData(texts.Get(lang, "notify.plans_button"), PayCallbacks.Plans), InlineKeyboardButton.WithCallbackData(texts.Get(lang, "notify.buy_button"), PayCallbacks.Buy)]
            : [InlineKeyboardButton.WithCallbackData(texts.Get(lang, "notify.plans_button"), PayCallbacks.Plans)];
        return new InlineKeyboardMarkup([row]);
    }

    private string Tokens(string lang, long n) => texts.Plural(lang, "tokens", n);
}
