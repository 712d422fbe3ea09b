using ElumentaBot.Accounts;
using ElumentaBot.Chat.Delivery;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Telegram.Bot;

namespace ElumentaBot.InlineMode;

/// <summary><c>/start answer-&lt;token&gt;</c> in the private chat: the full text of a cut inline answer, for its owner only.</summary>
public sealed class FullAnswerHandler(CurrentUser user, InlineAnswers answers, AnswerDelivery delivery, Localizer texts)
{
    public async Task SendAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message)
        {
            return;
        }

        var token = context.CommandArgument[(InlineAnswers.PayloadPrefix.Length + 1)..];
        var text = message.Chat.IsPrivate() ? await answers.FindAsync(token, user.Require().Id, ct) : null;
        if (text is null)
        {
            await context.Bot.SendMessage(message.Chat.Id, texts.Get(user.Language, "inline.answer_missing"), cancellationToken: ct);
            return;
        }

        await delivery.DeliverAsync(new ChatTarget(message.Chat.Id, IsPrivate: true), text, null, ct);
    }
}
