using Elumenta.Core.Support;
using ElumentaBot.BotApi;
using ElumentaBot.Localization;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// Answers the Support button under a failed job (<c>sup:gen:{id}</c>) while no support handler on main claims it:
/// a failed-generation ticket and the handoff link. Handlers registered earlier (the support feature) win.
/// </summary>
public sealed class SupportFallback(SupportTickets tickets, IBotApi bot, Localizer texts, IOptions<TelegramOptions> telegram)
{
    public async Task OpenAsync(MediaUser user, long generationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var ticket = await tickets.CreateAsync(user.AccountId, TicketReason.FailedGeneration, generationId, ct);
        var url = $"https://t.me/{telegram.Value.SupportBotUsername}?start={ticket.Code}";
        await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.support.text"),
            replyMarkup: new InlineKeyboardMarkup([[InlineKeyboardButton.WithUrl(texts.Get(user.Language, "media.button.support"), url)]]), ct: ct);
    }
}
