using Elumenta.Core.Generations;
using Elumenta.Core.Support;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Support;

/// <summary>
/// <c>/support</c>, <c>/paysupport</c> and the buttons <c>sup:open</c>, <c>sup:pay</c>, <c>sup:gen:&lt;generation id&gt;</c>:
/// a ticket with a context snapshot, and a button into the support bot. The user is told what was attached.
/// </summary>
public sealed class SupportHandler(
    CurrentUser user, SupportTickets tickets, GenerationStore generations, SupportLinks links, Localizer texts,
    ILogger<SupportHandler> logger)
{
    public const string Open = "sup:open";
    public const string Payment = "sup:pay";
    public const string GenerationPrefix = "sup:gen:";

    public static string ForGeneration(long generationId) => GenerationPrefix + generationId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (user.Account is not { } account)
        {
            return false;
        }

        if (context.Update.CallbackQuery is { Data: { } data } callback && data.StartsWith("sup:", StringComparison.Ordinal))
        {
            var chatId = callback.Message?.Chat.Id ?? callback.From.Id;
            var request = await ParseAsync(data, account.Id, ct);
            await context.Bot.AnswerCallbackQuery(callback.Id, request is null ? texts.Get(user.Language, "support.unknown_generation") : null,
                showAlert: request is null ? true : null, cancellationToken: ct);
            if (request is { } r)
            {
                await SendTicketAsync(context.Bot, chatId, account.Id, r.Reason, r.GenerationId, ct);
            }

            return true;
        }

        var commandReason = context.Command switch
        {
            "support" => TicketReason.General,
            "paysupport" => TicketReason.Payment,
            _ => null,
        };
        if (commandReason is null || context.Message is not { } message)
        {
            return false;
        }

        await SendTicketAsync(context.Bot, message.Chat.Id, account.Id, commandReason, null, ct);
        return true;
    }

    private async Task<(string Reason, long? GenerationId)?> ParseAsync(string data, long accountId, CancellationToken ct)
    {
        if (data == Open)
        {
            return (TicketReason.General, null);
        }

        if (data == Payment)
        {
            return (TicketReason.Payment, null);
        }

        // Only the user's own generation: a forged id must not attach someone else's request to a ticket.
        return data.StartsWith(GenerationPrefix, StringComparison.Ordinal)
            && long.TryParse(data.AsSpan(GenerationPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && await generations.GetAsync(id, ct) is { } generation && generation.AccountId == accountId
                ? (TicketReason.FailedGeneration, id)
                : null;
    }

    private async Task SendTicketAsync(ITelegramBotClient bot, long chatId, long accountId, string reason, long? generationId, CancellationToken ct)
    {
        var ticket = await tickets.CreateAsync(accountId, reason, generationId, ct);
        logger.LogInformation("Support ticket {TicketCode} ({Reason}) for account {AccountId}", ticket.Code, reason, accountId);
        var text = reason switch
        {
            TicketReason.Payment => texts.Get(user.Language, "support.ticket.payment"),
            TicketReason.FailedGeneration => texts.Get(user.Language, "support.ticket.generation", ("id", generationId?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            _ => texts.Get(user.Language, "support.ticket.general"),
        };
        await bot.SendMessage(chatId, text, replyMarkup: links.Button(ticket.Code, user.Language), cancellationToken: ct);
    }
}
