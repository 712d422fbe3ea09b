using Elumenta.Core.Generations;
using ElumentaBot.BotApi;
using ElumentaBot.Chat.Refusals;

namespace ElumentaBot.Media.Confirmations;

/// <summary>Why admission said no, with the same words and buttons as chat (Buy / Plans …); nothing was reserved.</summary>
public sealed class AdmissionRefusals(IBotApi bot, RefusalRenderer refusals)
{
    public Task SendAsync(MediaUser user, AdmissionResult result, int? replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var refusal = refusals.Render(result, user.Language);
        return bot.SendMessage(new SendMessageRequest
        {
            ChatId = user.ChatId,
            Text = refusal.Text,
            ReplyMarkup = refusal.Keyboard,
            ReplyParameters = replyTo is { } r ? new ReplyParameters { MessageId = r, AllowSendingWithoutReply = true } : null,
        }, ct);
    }
}
