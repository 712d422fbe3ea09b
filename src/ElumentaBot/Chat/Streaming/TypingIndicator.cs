using ElumentaBot.Ui;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Streaming;

/// <summary>Repeats <c>typing</c> (it lasts about 5 s) until stopped: from the start of a job to its first token.</summary>
internal sealed class TypingIndicator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;

    private TypingIndicator(ITelegramBotClient bot, long chatId, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _loop = RunAsync(bot, chatId, interval, time, logger, _stop.Token);
    }

    public static TypingIndicator Start(ITelegramBotClient bot, long chatId, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken ct) =>
        new(bot, chatId, interval, time, logger, ct);

    public void Stop() => _stop.Cancel();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(ITelegramBotClient bot, long chatId, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    await bot.SendChatAction(chatId, ChatAction.Typing, cancellationToken: ct);
                }
                catch (RequestException ex)
                {
                    logger.LogDebug(ex, "Typing action for chat {ChatId} failed", chatId);
                }

                await Task.Delay(interval, time, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
