using Elumenta.Core.Generations;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Confirmations;

/// <summary>Why admission said no, with the same words and buttons as chat (Buy / Plans …); nothing was reserved.</summary>
public sealed class AdmissionRefusals(ITelegramBotClient bot, RefusalRenderer refusals)
{
    public Task SendAsync(MediaUser user, AdmissionResult result, int? replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var refusal = refusals.Render(result, user.Language);
        return bot.SendMessage(user.ChatId, refusal.Text, replyMarkup: refusal.Keyboard,
            replyParameters: replyTo is { } r ? new ReplyParameters { MessageId = r, AllowSendingWithoutReply = true } : null, cancellationToken: ct);
    }
}
