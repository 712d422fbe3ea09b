using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Transport;

public static class MessageExtensions
{
    /// <summary>False for a callback's "inaccessible" message (deleted or too old): Telegram sends it with date 0.</summary>
    public static bool IsAccessible(this Message message) => message?.Date > DateTime.UnixEpoch;

    public static bool IsPrivate(this Telegram.Bot.Types.Chat chat) => chat?.Type == ChatType.Private;
}
