using ElumentaBot.BotApi;
using ElumentaBot.Dispatch;

namespace ElumentaBot.Onboarding;

/// <summary>
/// In groups the bot answers only what is addressed to it: commands (a <c>/cmd@Name</c> for another bot is not),
/// replies to its messages and mentions. Everything else is consumed silently, so no later handler (chat, media)
/// reacts to people talking among themselves.
/// </summary>
public sealed class GroupFilterHandler(BotIdentity identity) : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Update.Message ?? context.Update.EditedMessage;
        if (message is null || message.Chat.Type is not ("group" or "supergroup"))
        {
            return false;
        }

        return !IsAddressedTo(message, await identity.GetAsync(ct));
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
                case "bot_command" when entity.Offset == 0:
                    var at = value.IndexOf('@', StringComparison.Ordinal);
                    return at < 0 || string.Equals(value[(at + 1)..], bot.Username, StringComparison.OrdinalIgnoreCase);
                case "mention" when string.Equals(value, "@" + bot.Username, StringComparison.OrdinalIgnoreCase):
                    return true;
                case "text_mention" when entity.User?.Id == bot.Id:
                    return true;
            }
        }

        return false;
    }
}
