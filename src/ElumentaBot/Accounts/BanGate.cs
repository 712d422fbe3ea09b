using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Accounts;

/// <summary>A banned account hears one short notice when it asks for something, and nothing else happens.</summary>
public sealed class BanGate(CurrentUser current, Localizer texts) : IUpdateGate
{
    public async ValueTask<bool> PassAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Money has already moved for these: a banned payer's payment, refund or subscription change must still be recorded.
        if (current.Account is not { Banned: true } || current.IsAdmin || context.Update.Subscription is not null
            || context.Message is { SuccessfulPayment: not null } or { RefundedPayment: not null })
        {
            return true;
        }

        var notice = texts.Get(current.Language, "common.banned");
        if (context.Update.CallbackQuery is { } callback)
        {
            await context.Bot.AnswerCallbackQuery(callback.Id, notice, showAlert: true, cancellationToken: ct);
        }
        else if (context.Update.PreCheckoutQuery is { } checkout)
        {
            await context.Bot.AnswerPreCheckoutQuery(checkout.Id, notice, ct);
        }
        else if (context.Message is { Chat.Type: ChatType.Private } message && context.Command is not null)
        {
            await context.Bot.SendMessage(message.Chat.Id, notice, cancellationToken: ct);
        }

        return false;
    }
}
