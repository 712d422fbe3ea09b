using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>The bot's own user (<c>getMe</c>), fetched once on first need: groups need its id and username to see what is addressed to it.</summary>
public sealed class BotIdentity(ITelegramBotClient bot)
{
    private User? _me;

    public async ValueTask<User> GetAsync(CancellationToken ct)
    {
        // Two first callers may both ask; the answers are identical, so no lock.
        if (Volatile.Read(ref _me) is { } me)
        {
            return me;
        }

        me = await bot.GetMe(ct);
        Volatile.Write(ref _me, me);
        return me;
    }
}
