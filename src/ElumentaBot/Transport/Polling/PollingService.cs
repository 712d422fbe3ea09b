using Elumenta.Core.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Transport;

/// <summary>
/// Long polling that loses nothing and repeats nothing: each batch is stored in the inbox (with the new
/// offset) before the next getUpdates confirms it, and only then dispatched. Pending rows left by a
/// previous run are dispatched first. Telegram.Bot's own receiver is not used: it keeps the offset in memory.
/// With several instances only the holder of the polling lease calls getUpdates; the others stand by.
/// </summary>
public sealed class PollingService(
    ITelegramBotClient bot,
    Coordinator coordinator,
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
        if (!_options.PollingEnabled || _options.IsWebhook) // webhook mode: WebhookService receives instead
        {
            return;
        }

        await coordinator.RunWhileHeldAsync(LeaseName, RunAsync, stoppingToken);
    }

    public const string LeaseName = "telegram-polling";

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            BotJson.WarmUp();
            // With claims on, pending rows run where their chat is claimed (ChatClaimSweep), not on the poller.
            var pending = dispatcher.ClaimsEnabled ? [] : await inbox.LoadPendingAsync(stoppingToken);
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
        var outage = new OutageLog(logger, time);
        var webhookDeleted = false;
        var offset = await inbox.LoadOffsetAsync(ct);
        var lastPrune = time.GetTimestamp();
        logger.LogInformation("Polling for updates from offset {Offset}", offset);
        while (!ct.IsCancellationRequested)
        {
            var method = webhookDeleted ? "getUpdates" : "deleteWebhook";
            try
            {
                if (!webhookDeleted)
                {
                    await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: ct);
                    webhookDeleted = true;
                    method = "getUpdates";
                }

                var started = time.GetTimestamp();
                var request = new RawUpdatesRequest
                {
                    Offset = offset, Limit = _options.PollLimit, Timeout = _options.PollTimeoutSeconds, AllowedUpdates = UpdateKinds.Allowed,
                };
                var batch = await bot.SendRequest(request, ct);
                outage.Recovered();
                backoff.Reset();
                if (batch.Length == 0)
                {
                    // A server that ignores the long-poll timeout must not turn this loop into a busy spin.
                    if (_options.PollTimeoutSeconds > 0 && time.GetElapsedTime(started) < TimeSpan.FromMilliseconds(100))
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200), time, ct);
                    }

                    continue;
                }

                var updates = Array.ConvertAll(batch, RawUpdate.Parse);
                var fresh = await inbox.StoreAsync(updates, ct);
                offset = Math.Max(offset, updates.Max(u => u.Update.Id) + 1);
                fresh.ForEach(dispatcher.Enqueue);
                if (fresh.Count < updates.Length)
                {
                    logger.LogInformation("{Count} updates were redelivered or are left to the instance holding their chat", updates.Length - fresh.Count);
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
            catch (Exception ex) when (ex.IsUnauthorized())
            {
                logger.LogCritical("The Bot API rejected the bot token (401 Unauthorized): check Telegram:BotToken. Polling stops and the bot shuts down");
                lifetime.StopApplication();
                return;
            }
            catch (Exception ex) when (ex.IsConflict())
            {
                var delay = TimeSpan.FromMilliseconds(Math.Max(_options.ConflictBackoffMs, backoff.Next().TotalMilliseconds));
                logger.LogError("409 Conflict: another instance is polling with this token or a webhook is set ({Error}); retrying in {Delay}", ex.Describe(), delay);
                webhookDeleted = false;
                await Task.Delay(delay, time, ct);
            }
            catch (Exception ex) when (ex.IsTooManyRequests())
            {
                var delay = TimeSpan.FromSeconds(ex.RetryAfter() ?? 1);
                logger.LogWarning("{Method} hit flood control; waiting {Delay}", method, delay);
                await Task.Delay(delay, time, ct);
            }
            catch (Exception ex)
            {
                var delay = backoff.Next();
                outage.Failed(method, ex, delay);
                await Task.Delay(delay, time, ct);
            }
        }
    }
}
