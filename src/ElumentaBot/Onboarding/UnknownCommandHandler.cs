using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;

namespace ElumentaBot.Onboarding;

/// <summary>
/// The fallback route: a command nobody took gets a pointer to /help, and a button nobody took still gets its answer
/// (or the user's client spins). Plain input and other updates without a route are left alone.
/// </summary>
public sealed class UnknownCommandHandler(Localizer texts, CurrentUser user)
{
    public async Task FallbackAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Callback is { } query)
        {
            await context.AnswerAsync(query, texts.Get(user.Language, "unknown.button"), ct: ct);
            return;
        }

        if (context.Command is not { } command || context.Message is not { } message)
        {
            return;
        }

        // In a group a bare /cmd may be meant for another bot; answer only when it names us (the group gate
        // already dropped commands naming another bot).
        if (message.Chat.IsPrivate() || context.CommandAddressee is not null)
        {
            await context.Bot.SendMessage(message.Chat.Id, texts.Get(user.Language, "unknown.command", ("command", "/" + command)), cancellationToken: ct);
        }
    }
}
