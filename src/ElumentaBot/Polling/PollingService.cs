using ElumentaBot.BotApi;
using ElumentaBot.Dispatch;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Polling;

/// <summary>
/// Long polling that loses nothing and repeats nothing: each batch is stored in the inbox (with the new
/// offset) before the next getUpdates confirms it, and only then dispatched. Pending rows left by a
/// previous run are dispatched first.
/// </summary>
public sealed class PollingService(
    IBotApi bot,
    UpdateInbox inbox,
    UpdateDispatcher dispatcher,
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<PollingService> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly TelegramOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.PollingEnabled)
        {
            return;
        }

        try
        {
            var pending = await inbox.LoadPendingAsync(stoppingToken);
            if (pending.Count > 0)
            {
                logger.LogInformation("Resuming {Count} updates left pending by the previous run", pending.Count);
            }

            pending.ForEach(dispatcher.Enqueue);
            await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await dispatcher.StopAsync(TimeSpan.FromSeconds(_options.ShutdownDeadlineSeconds));
    }

    private async Task PollAsync(CancellationToken ct)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(_options.BackoffMinMs), TimeSpan.FromMilliseconds(_options.BackoffMaxMs));
        var webhookDeleted = false;
        var offset = await inbox.LoadOffsetAsync(ct);
        var lastPrune = time.GetTimestamp();
        logger.LogInformation("Polling for updates from offset {Offset}", offset);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!webhookDeleted)
                {
                    webhookDeleted = await bot.DeleteWebhook(dropPendingUpdates: false, ct);
                }

                var started = time.GetTimestamp();
                var request = new GetUpdatesRequest(offset, _options.PollLimit, _options.PollTimeoutSeconds, UpdateKinds.Allowed);
                var updates = await bot.GetRawUpdates(request, ct);
                backoff.Reset();
                if (updates.Count == 0)
                {
                    // A server that ignores the long-poll timeout must not turn this loop into a busy spin.
                    if (_options.PollTimeoutSeconds > 0 && time.GetElapsedTime(started) < TimeSpan.FromMilliseconds(100))
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
                    }

                    continue;
                }

                var fresh = await inbox.StoreAsync(updates, ct);
                offset = Math.Max(offset, updates.Max(u => u.Update.UpdateId) + 1);
                fresh.ForEach(dispatcher.Enqueue);
                if (fresh.Count < updates.Count)
                {
                    logger.LogInformation("Ignored {Count} redelivered updates", updates.Count - fresh.Count);
                }

                if (time.GetElapsedTime(lastPrune) > PruneEvery)
                {
                    lastPrune = time.GetTimestamp();
                    await inbox.PruneAsync(TimeSpan.FromHours(_options.InboxRetentionHours), ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (BotApiException ex) when (ex.IsUnauthorized)
            {
                logger.LogCritical(ex, "The Bot API rejected the bot token (401 Unauthorized); polling stops and the bot shuts down");
                lifetime.StopApplication();
                return;
            }
            catch (BotApiException ex) when (ex.IsConflict)
            {
                var delay = TimeSpan.FromMilliseconds(Math.Max(_options.ConflictBackoffMs, backoff.Next().TotalMilliseconds));
                logger.LogError(ex, "409 Conflict: another instance is polling with this token or a webhook is set; retrying in {Delay}", delay);
                webhookDeleted = false;
                await Task.Delay(delay, time, ct);
            }
            catch (BotApiException ex) when (ex.IsTooManyRequests)
            {
                var delay = TimeSpan.FromSeconds(ex.RetryAfter ?? 1);
                logger.LogWarning("getUpdates hit flood control; waiting {Delay}", delay);
                await Task.Delay(delay, time, ct);
            }
            catch (Exception ex)
            {
                var delay = backoff.Next();
                logger.LogWarning(ex, "Polling failed; retrying in {Delay}", delay);
                await Task.Delay(delay, time, ct);
            }
        }
    }
}
