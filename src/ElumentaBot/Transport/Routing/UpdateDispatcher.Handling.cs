using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Transport;

/// <summary>One update's run: its attempts, its error boundary, and when its inbox row leaves pending.</summary>
public sealed partial class UpdateDispatcher
{
    private async Task HandleAsync(InboxItem item, bool fastLane)
    {
        var handled = false;
        var completion = new UpdateCompletion(item.UpdateId, inbox.MarkDoneAsync, (id, done) => _inFlight?.Finish(id, done));
        try
        {
            handled = await HandleOnceAsync(item, completion, fastLane);
        }
        finally
        {
            // Deferred: the row is pending (and the update "running" for the sweep) until its work ends or is admitted.
            if (!completion.IsDeferred)
            {
                _inFlight?.Finish(item.UpdateId, handled);
            }
        }
    }

    /// <summary>False when cancelled at shutdown (the update stays pending).</summary>
    private async Task<bool> HandleOnceAsync(InboxItem item, UpdateCompletion completion, bool fastLane)
    {
        var ct = _abort.Token;
        for (var attempt = item.Attempts; ; attempt++)
        {
            try
            {
                // The fast lane skips the concurrency cap: a payment answer must never queue behind chat work.
                if (!fastLane)
                {
                    await _slots.WaitAsync(ct);
                }

                try
                {
                    await RunHandlersAsync(item, completion, attempt, ct);
                }
                finally
                {
                    if (!fastLane)
                    {
                        _slots.Release();
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Update {UpdateId} ({Kind}, chat {ChatId}) failed on attempt {Attempt}", item.UpdateId, item.Kind, item.ChatKey, attempt + 1);
                if (await GiveUpAsync(item, ex, ct))
                {
                    metrics?.UpdateHandled(item.Kind, done: false);
                    return true;
                }

                await DelayQuietlyAsync(TimeSpan.FromMilliseconds(250 * (attempt + 1)), ct);
                continue;
            }

            metrics?.UpdateHandled(item.Kind, done: true);
            if (completion.IsDeferred)
            {
                return true;
            }

            try
            {
                await inbox.MarkDoneAsync(item.UpdateId);
            }
            catch (Exception ex)
            {
                // Handled but not recorded: it stays pending and a restart handles it again.
                logger.LogError(ex, "Update {UpdateId} was handled but could not be marked done", item.UpdateId);
            }

            return true;
        }
    }

    private async Task RunHandlersAsync(InboxItem item, UpdateCompletion completion, int attempt, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = new UpdateContext(item.Update, item.Kind, item.ChatKey, attempt, bot) { Completion = completion };
        await pipeline.RunAsync(scope.ServiceProvider, context, ct);
    }

    private async Task<bool> GiveUpAsync(InboxItem item, Exception error, CancellationToken ct)
    {
        try
        {
            var failed = await inbox.RecordFailureAsync(item.UpdateId, error.Describe(), _options.MaxHandlerAttempts, ct);
            if (failed)
            {
                logger.LogError("Update {UpdateId} gave up after {MaxAttempts} attempts and is marked failed", item.UpdateId, _options.MaxHandlerAttempts);
            }

            return failed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not record the failure of update {UpdateId}", item.UpdateId);
            return true;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, time, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

}
