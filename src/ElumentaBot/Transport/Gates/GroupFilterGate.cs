using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Transport;

/// <summary>
/// Only what is addressed to us goes on. A command naming another bot (<c>/plans@OtherBot</c>) is never ours, in
/// any chat. In groups the bot also takes only commands, replies to its messages and mentions; everything else is
/// consumed silently, so nothing reacts to people talking among themselves.
/// </summary>
public sealed class GroupFilterGate(BotIdentity identity) : IUpdateGate
{
    public async ValueTask<bool> PassAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Update.Message ?? context.Update.EditedMessage;
        if (message is null)
        {
            return true;
        }

        // Payment service messages are about money that has already moved: never filtered.
        if (message.SuccessfulPayment is not null || message.RefundedPayment is not null)
        {
            return true;
        }

        var group = message.Chat.Type is ChatType.Group or ChatType.Supergroup;
        if (!group && context.CommandAddressee is null)
        {
            return true;
        }

        var me = await identity.GetAsync(ct);
        if (context.CommandAddressee is { } addressee)
        {
            return string.Equals(addressee, me.Username, StringComparison.OrdinalIgnoreCase);
        }

        return IsAddressedTo(message, me);
    }

    public static bool IsAddressedTo(Message message, User bot)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(bot);
        if (message.ReplyToMessage?.From?.Id == bot.Id)
        {
            return true;
        }

        var text = message.Text ?? message.Caption ?? "";
        foreach (var entity in message.Entities ?? message.CaptionEntities ?? [])
        {
            if (entity.Offset < 0 || entity.Length <= 0 || entity.Offset + entity.Length > text.Length)
            {
                continue;
            }

            var value = text.Substring(entity.Offset, entity.Length);
            switch (entity.Type)
            {
                case MessageEntityType.BotCommand when entity.Offset == 0:
                    var at = value.IndexOf('@', StringComparison.Ordinal);
                    return at < 0 || string.Equals(value[(at + 1)..], bot.Username, StringComparison.OrdinalIgnoreCase);
                case MessageEntityType.Mention when string.Equals(value, "@" + bot.Username, StringComparison.OrdinalIgnoreCase):
                    return true;
                case MessageEntityType.TextMention when entity.User?.Id == bot.Id:
                    return true;
            }
        }

        return false;
    }
}
