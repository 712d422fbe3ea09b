using Elumenta.Core.Accounts;
using ElumentaBot.BotApi;
using ElumentaBot.Dispatch;
using ElumentaBot.Localization;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Accounts;

/// <summary>
/// First in the chain: every update from a person creates or refreshes their account (and makes them
/// reachable again), so later handlers read <see cref="CurrentUser"/>. A banned account hears one short
/// notice per session of attempts and nothing else.
/// </summary>
public sealed class AccountHandler(AccountService accounts, CurrentUser current, Localizer texts, IOptions<TelegramOptions> telegram) : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A block (my_chat_member "kicked") must not be undone by refreshing the account.
        if (context.Update.MyChatMember is not null || context.From is not { IsBot: false } from)
        {
            return context.Update.MyChatMember is not null;
        }

        var payload = context.Command == "start" && context.CommandArgument.Length > 0 ? context.CommandArgument : null;
        var session = await accounts.GetOrCreateAsync(new TelegramUserInfo(from.Id, from.Username, from.FirstName, from.LanguageCode), payload, ct);
        current.Set(session.Account, session.Created, telegram.Value.AdminUserIds.Contains(from.Id));
        // Money has already moved for these: a banned payer's payment or refund must still be recorded.
        if (!session.Account.Banned || current.IsAdmin || context.Message is { SuccessfulPayment: not null } or { RefundedPayment: not null })
        {
            return false;
        }

        if (context.Update.CallbackQuery is { } callback)
        {
            await context.Bot.AnswerCallbackQuery(callback.Id, texts.Get(current.Language, "common.banned"), showAlert: true, ct: ct);
        }
        else if (context.Update.PreCheckoutQuery is { } checkout)
        {
            await context.Bot.AnswerPreCheckoutQuery(checkout.Id, texts.Get(current.Language, "common.banned"), ct: ct);
        }
        else if (context.Message is { Chat.IsPrivate: true } message && context.Command is not null)
        {
            await context.Bot.SendMessage(message.Chat.Id, texts.Get(current.Language, "common.banned"), ct: ct);
        }

        return true;
    }
}
