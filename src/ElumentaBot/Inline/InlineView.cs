using ElumentaBot.Chat.Streaming;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.InlineMode;

/// <summary>The final look of the inline message: HTML, its plain fallback, and the buttons.</summary>
internal sealed record InlineFinal(string Html, string Plain, InlineKeyboardMarkup Keyboard);

/// <summary>
/// The sent inline message, edited by inline_message_id like a group's placeholder: never more often than the interval
/// (counted from the end of the previous call; the placeholder Telegram just sent counts as the first), identical text
/// not re-sent. "message is not modified" is ignored; markup Telegram cannot parse is re-sent as plain text.
/// </summary>
internal sealed class InlineView(
    ITelegramBotClient bot, InlineJob job, InlineTexts texts, InlineKeyboardMarkup keyboard,
    Func<string, CancellationToken, Task<InlineFinal>> compose, TimeSpan interval, TimeProvider time, ILogger logger) : ILiveView
{
    private string? _shown;
    private long? _lastCallEnded;

    public TimeSpan Interval => interval;

    public TimeSpan? KeepAlive => null;

    public Task BeginAsync(CancellationToken ct)
    {
        _lastCallEnded = time.GetTimestamp();
        return Task.CompletedTask;
    }

    public async Task ShowAsync(string text, CancellationToken ct)
    {
        var live = texts.Live(job.Language, job.Question, text);
        if (live == _shown)
        {
            return;
        }

        await SpacedAsync(() => EditAsync(live, ParseMode.None, keyboard, ct), ct);
        _shown = live;
    }

    public async Task CommitAsync(string markdown, CancellationToken ct)
    {
        var final = await compose(markdown, ct);
        await SpacedAsync(async () =>
        {
            try
            {
                await EditAsync(final.Html, ParseMode.Html, final.Keyboard, ct);
            }
            catch (Exception ex) when (ex.IsParseError() || ex.IsMessageTooLong())
            {
                logger.LogWarning(ex, "Telegram rejected the formatted inline answer {InlineMessageId}; re-sending it as plain text", job.InlineMessageId);
                await EditAsync(final.Plain, ParseMode.None, final.Keyboard, ct);
            }
        }, ct);
    }

    public async Task AbandonAsync(Refusal? refusal, CancellationToken ct)
    {
        if (refusal is not null)
        {
            await SpacedAsync(() => EditAsync(texts.Notice(job.Language, job.Question, refusal.Text), ParseMode.None, keyboard, ct), ct);
        }
    }

    private async Task EditAsync(string text, ParseMode parseMode, InlineKeyboardMarkup markup, CancellationToken ct)
    {
        try
        {
            await bot.EditMessageText(job.InlineMessageId, text, parseMode: parseMode, replyMarkup: markup,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true }, cancellationToken: ct);
        }
        catch (Exception ex) when (ex.IsMessageNotModified())
        {
        }
    }

    private async Task SpacedAsync(Func<Task> call, CancellationToken ct)
    {
        if (_lastCallEnded is { } ended && Interval - time.GetElapsedTime(ended) is var wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, ct);
        }

        try
        {
            await call();
        }
        finally
        {
            _lastCallEnded = time.GetTimestamp();
        }
    }
}
