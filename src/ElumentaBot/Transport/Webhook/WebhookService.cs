using Elumenta.Core.Coordination;
using Elumenta.Core.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Transport;

/// <summary>
/// Webhook mode's counterpart of <see cref="PollingService"/>: dispatches what a previous run left pending, opens
/// <see cref="WebhookReceiver"/> to new updates, then registers the webhook (<c>setWebhook</c> with the secret and
/// the same <c>allowed_updates</c> as polling) once the HTTP endpoint listens, retrying like the poller does:
/// backoff on failures, <c>retry_after</c> on 429, a stop on 401. Old inbox rows are pruned hourly.
/// </summary>
public sealed class WebhookService(
    ITelegramBotClient bot,
    UpdateInbox inbox,
    UpdateDispatcher dispatcher,
    WebhookReceiver receiver,
    Coordinator coordinator,
    IHostApplicationLifetime lifetime,
    IOptions<TelegramOptions> options,
    ElumentaMetrics metrics,
    TimeProvider time,
    ILogger<WebhookService> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private readonly TelegramOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.IsWebhook || !_options.PollingEnabled)
        {
            return;
        }

        BotJson.WarmUp();

        try
        {
            // With several instances (coordination on) a pending row may belong to a live instance handling it right
            // now: resuming every pending row would handle it twice. Until the inbox records per-chat claims, only a
            // single instance resumes at start; the multi-instance case is the claims sweep's.
            if (!coordinator.Enabled)
            {
                var pending = await inbox.LoadPendingAsync(stoppingToken);
                if (pending.Count > 0)
                {
                    logger.LogInformation("Resuming {Count} updates left pending by the previous run", pending.Count);
                }

                // Before any webhook request is stored: a resumed update and a new one of the same chat keep their
                // order, and nothing stored from now on can be in this list (so nothing is dispatched twice).
                pending.ForEach(dispatcher.Enqueue);
            }

            receiver.Open();
            await WaitForStartedAsync(stoppingToken);
            if (await RegisterAsync(stoppingToken))
            {
                await PruneLoopAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_options.IsWebhook)
        {
            await dispatcher.StopAsync(TimeSpan.FromSeconds(_options.ShutdownDeadlineSeconds));
        }
    }

    /// <summary>setWebhook only once every hosted service (the HTTP endpoint among them) has started.</summary>
    private async Task WaitForStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(ct);
    }

    private async Task<bool> RegisterAsync(CancellationToken ct)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(_options.BackoffMinMs), TimeSpan.FromMilliseconds(_options.BackoffMaxMs));
        var outage = new OutageLog(logger, time);
        var request = new SetWebhookRawRequest
        {
            Url = _options.Webhook.Url,
            SecretToken = _options.Webhook.SecretToken,
            AllowedUpdates = UpdateKinds.Allowed,
            DropPendingUpdates = false,
            MaxConnections = _options.Webhook.MaxConnections,
        };
        while (true)
        {
            try
            {
                await bot.SendRequest(request, ct);
                outage.Recovered();
                // The URL may carry a path secret of its own; only scheme, host and path are logged.
                logger.LogInformation("Webhook set: Telegram posts updates to {Url}", new Uri(_options.Webhook.Url).GetLeftPart(UriPartial.Path));
                return true;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex.IsUnauthorized())
            {
                logger.LogCritical("The Bot API rejected the bot token (401 Unauthorized): check Telegram:BotToken. The webhook is not set and the bot shuts down");
                lifetime.StopApplication();
                return false;
            }
            catch (Exception ex) when (ex.IsTooManyRequests())
            {
                metrics.Telegram429(request.MethodName);
                var delay = TimeSpan.FromSeconds(ex.RetryAfter() ?? 1);
                logger.LogWarning("setWebhook hit flood control; waiting {Delay}", delay);
                await Task.Delay(delay, time, ct);
            }
            catch (Exception ex)
            {
                // A 400 (for example a URL Telegram refuses) is retried too, slowly: it is logged on every attempt.
                var delay = backoff.Next();
                outage.Failed("setWebhook", ex, delay);
                await Task.Delay(delay, time, ct);
            }
        }
    }

    private async Task PruneLoopAsync(CancellationToken ct)
    {
        while (true)
        {
            await Task.Delay(PruneEvery, time, ct);
            try
            {
                await inbox.PruneAsync(TimeSpan.FromHours(_options.InboxRetentionHours), ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Pruning the update inbox failed: {Error}", ex.Describe());
            }
        }
    }
}
