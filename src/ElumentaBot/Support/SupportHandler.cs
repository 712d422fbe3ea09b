using System.Globalization;
using Elumenta.Core.Generations;
using Elumenta.Core.Support;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ElumentaBot.Support;

/// <summary>
/// <c>/support</c>, <c>/paysupport</c> and the buttons <c>sup:open</c>, <c>sup:pay</c>, <c>sup:gen:&lt;generation id&gt;</c>:
/// a ticket with a context snapshot, and a button into the support bot. The user is told what was attached.
/// One ticket per update or button press: a retry re-sends the link to the ticket already created.
/// </summary>
public sealed class SupportHandler(CurrentUser user, TicketDesk desk, GenerationStore generations, SupportLinks links, Localizer texts, ILogger<SupportHandler> logger)
{
    public const string Prefix = "sup";
    public const string Open = "sup:open";
    public const string Payment = "sup:pay";
    public const string GenerationPrefix = "sup:gen:";

    public static string ForGeneration(long generationId) => GenerationPrefix + generationId.ToString(CultureInfo.InvariantCulture);

    public Task GeneralAsync(UpdateContext context, CancellationToken ct) => CommandAsync(context, TicketReason.General, ct);

    public Task PaymentAsync(UpdateContext context, CancellationToken ct) => CommandAsync(context, TicketReason.Payment, ct);

    public async Task CallbackAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var callback = context.Callback!;
        var request = await ParseAsync(callback.Data!, user.Require().Id, ct);
        await context.AnswerAsync(callback, request is null ? texts.Get(user.Language, "support.unknown_generation") : null, alert: request is null, ct);
        if (request is { } r)
        {
            await SendTicketAsync(context, callback.Message?.Chat.Id ?? callback.From.Id, context.EffectKey, r.Reason, r.GenerationId, ct);
        }
    }

    private Task CommandAsync(UpdateContext context, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SendTicketAsync(context, context.Message!.Chat.Id, context.EffectKey, reason, null, ct);
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
            && long.TryParse(data.AsSpan(GenerationPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await generations.GetAsync(id, ct) is { } generation && generation.AccountId == accountId
                ? (TicketReason.FailedGeneration, id)
                : null;
    }

    private async Task SendTicketAsync(UpdateContext context, long chatId, string key, string reason, long? generationId, CancellationToken ct)
    {
        var accountId = user.Require().Id;
        var ticket = await desk.OpenOnceAsync(key, accountId, reason, generationId, ct);
        logger.LogInformation("Support ticket {TicketCode} ({Reason}) for account {AccountId}", ticket.Code, ticket.Reason, accountId);
        var text = ticket.Reason switch
        {
            TicketReason.Payment => texts.Get(user.Language, "support.ticket.payment"),
            TicketReason.FailedGeneration => texts.Get(user.Language, "support.ticket.generation", ("id", ticket.GenerationId?.ToString(CultureInfo.InvariantCulture))),
            _ => texts.Get(user.Language, "support.ticket.general"),
        };
        await context.Bot.SendMessage(chatId, text, replyMarkup: links.Button(ticket.Code, user.Language), cancellationToken: ct);
    }
}
