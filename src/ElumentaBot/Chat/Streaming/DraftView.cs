using ElumentaBot.Chat.Delivery;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Streaming;

/// <summary>
/// Private chats: <c>sendMessageDraft</c> with one draft id per part; a finished part is sent as real messages
/// and the next part gets a new id (a new id replaces the old draft without animation).
/// </summary>
internal sealed class DraftView(ITelegramBotClient bot, AnswerDelivery delivery, ChatTarget target, long baseDraftId, ChatOptions options, ILogger logger) : ILiveView
{
    private long _draftId = baseDraftId;

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(options.DraftIntervalMs);

    public TimeSpan? KeepAlive { get; } = TimeSpan.FromMilliseconds(options.DraftKeepAliveMs);

    public Task BeginAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task ShowAsync(string text, CancellationToken ct)
    {
        try
        {
            await bot.SendMessageDraft(target.ChatId, _draftId, text, messageThreadId: target.MessageThreadId, canStop: true, cancellationToken: ct);
        }
        catch (RequestException ex)
        {
            // A draft is only a preview: the final message still goes out.
            logger.LogWarning(ex, "Draft {DraftId} for chat {ChatId} failed", _draftId, target.ChatId);
        }
    }

    public async Task CommitAsync(string markdown, CancellationToken ct)
    {
        await delivery.DeliverAsync(target, markdown, null, ct);
        _draftId++;
    }

    public async Task AbandonAsync(Refusal? refusal, CancellationToken ct)
    {
        if (refusal is not null)
        {
            await delivery.SendAsync(target, refusal.Text, ParseMode.None, null, reply: true, ct, refusal.Keyboard);
        }
    }
}
