using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Onboarding;

/// <summary>
/// The last handler: a command nobody took gets a pointer to /help, and a button nobody took still gets its answer
/// (or the user's client spins). Plain text is left alone.
/// </summary>
public sealed class UnknownCommandHandler(Localizer texts, CurrentUser user)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.CallbackQuery is { } query)
        {
            await context.AnswerAsync(query, texts.Get(user.Language, "unknown.button"), cancellationToken: ct);
            return true;
        }

        if (context.Command is not { } command || context.Message is not { } message)
        {
            return false;
        }

        // In a group a bare /cmd may be meant for another bot; answer only when it names us.
        if (message.Chat.IsPrivate() || message.Text!.Split(' ')[0].Contains('@', StringComparison.Ordinal))
        {
            await context.Bot.SendMessage(message.Chat.Id, texts.Get(user.Language, "unknown.command", ("command", "/" + command)), cancellationToken: ct);
        }

        return true;
    }
}
