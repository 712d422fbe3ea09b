using ElumentaBot.Chat.Delivery;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Streaming;

/// <summary>
/// Groups: a placeholder message edited in place, never more often than the configured interval (counted from the
/// end of the previous call, so Telegram sees the spacing too). Identical text is not re-sent.
/// </summary>
/// <param name="shown">Told each new message the answer is streamed into (recorded for recovery); never throws.</param>
internal sealed class EditView(AnswerDelivery delivery, ChatTarget target, string placeholder, ChatOptions options, TimeProvider time, Func<int, Task>? shown = null)
    : ILiveView
{
    private int? _messageId;
    private string? _shown;
    private long? _lastCallEnded;

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(options.GroupEditIntervalMs);

    public TimeSpan? KeepAlive => null;

    public async Task BeginAsync(CancellationToken ct) => await ShowAsync(placeholder, ct);

    public async Task ShowAsync(string text, CancellationToken ct)
    {
        if (text == _shown)
        {
            return;
        }

        var before = _messageId;
        await SpacedAsync(async () => _messageId = await delivery.SendAsync(target, text, ParseMode.None, _messageId, reply: _messageId is null, ct), ct);
        _shown = text;
        if (_messageId != before && _messageId is { } id && shown is not null)
        {
            await shown(id);
        }
    }

    public async Task CommitAsync(string markdown, CancellationToken ct)
    {
        await SpacedAsync(() => delivery.DeliverAsync(target, markdown, _messageId, ct), ct);
        _messageId = null;
        _shown = null;
    }

    public async Task AbandonAsync(Refusal? refusal, CancellationToken ct)
    {
        if (refusal is null)
        {
            return;
        }

        await SpacedAsync(() => delivery.SendAsync(target, refusal.Text, ParseMode.None, _messageId, reply: _messageId is null, ct, refusal.Keyboard), ct);
    }

    private async Task SpacedAsync(Func<Task> call, CancellationToken ct)
    {
        if (_lastCallEnded is { } ended)
        {
            var wait = Interval - time.GetElapsedTime(ended);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }
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
