using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Delivery;

/// <summary>
/// Sends a finished answer as formatted messages. A message Telegram rejects (can't parse entities, too long) is
/// re-sent as plain text with the same visible content, so a formatting bug never loses an answer.
/// </summary>
public sealed class AnswerDelivery(ITelegramBotClient bot, IAnswerFormatter formatter, ILogger<AnswerDelivery> logger)
{
    /// <summary>Delivers <paramref name="markdown"/>; with <paramref name="editMessageId"/> the first message replaces that one.</summary>
    /// <returns>How many messages were sent or edited (0 for an empty answer).</returns>
    public async Task<int> DeliverAsync(ChatTarget target, string markdown, int? editMessageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(target);
        var messages = formatter.ToHtmlMessages(markdown);
        var edit = editMessageId;
        var count = 0;
        foreach (var html in messages)
        {
            try
            {
                await SendAsync(target, html, ParseMode.Html, edit, count == 0, ct);
                count++;
            }
            catch (Exception ex) when (ex.IsParseError() || ex.IsMessageTooLong())
            {
                logger.LogWarning(ex, "Telegram rejected a formatted answer part in chat {ChatId}; re-sending it as plain text", target.ChatId);
                foreach (var plain in formatter.HtmlToPlainMessages(html))
                {
                    await SendAsync(target, plain, ParseMode.None, edit, count == 0, ct);
                    edit = null;
                    count++;
                }
            }

            edit = null;
        }

        return count;
    }

    /// <summary>A plain message (or an edit of <paramref name="editMessageId"/>) with optional buttons.</summary>
    public async Task<int> SendAsync(ChatTarget target, string text, ParseMode parseMode, int? editMessageId, bool reply, CancellationToken ct,
        InlineKeyboardMarkup? keyboard = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (editMessageId is { } messageId)
        {
            try
            {
                var edited = await bot.EditMessageText(target.ChatId, messageId, text, parseMode, keyboard,
                    new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct);
                return edited?.Id ?? messageId;
            }
            catch (Exception ex) when (ex.IsBadRequest() && !ex.IsParseError() && !ex.IsMessageTooLong())
            {
                // The placeholder was deleted or is too old to edit: the answer goes as a new message instead.
                logger.LogInformation("Could not edit message {MessageId} in chat {ChatId} ({Reason}); sending a new one", messageId, target.ChatId, ex.Describe());
            }
        }

        var sent = await bot.SendMessage(target.ChatId, text, parseMode,
            reply && target.ReplyToMessageId is { } to ? new ReplyParameters { MessageId = to, AllowSendingWithoutReply = true } : null,
            keyboard, new LinkPreviewOptions { IsDisabled = true }, target.MessageThreadId, cancellationToken: ct);
        return sent.Id;
    }
}
