using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>The bot's own user (<c>getMe</c>), fetched once on first need: groups need its id and username to see what is addressed to it.</summary>
public sealed class BotIdentity(ITelegramBotClient bot)
{
    private readonly Lock _sync = new();
    private Task<User>? _me;

    public async ValueTask<User> GetAsync(CancellationToken ct)
    {
        // A burst of first updates shares one getMe instead of asking once each; a failed ask is forgotten so
        // the next update tries again.
        Task<User> me;
        lock (_sync)
        {
            me = _me ??= bot.GetMe(CancellationToken.None);
        }

        try
        {
            return await me.WaitAsync(ct);
        }
        catch when (me.IsFaulted || me.IsCanceled)
        {
            lock (_sync)
            {
                if (ReferenceEquals(_me, me))
                {
                    _me = null;
                }
            }

            throw;
        }
    }
}
