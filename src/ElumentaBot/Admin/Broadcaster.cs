using Elumenta.Core.Admin;
using Elumenta.Core.Coordination;
using ElumentaBot.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace ElumentaBot.Admin;

public sealed record BroadcastJob(long AdminId, long AdminChatId, string Language, string Text);

/// <summary>
/// Sends queued broadcasts (<see cref="Broadcasts"/>) in the background, one at a time, paced at
/// <see cref="BroadcastOptions.MessagesPerSecond"/>, on the one instance holding the broadcast lease; a restart or
/// another instance resumes after the last recipient reached. Users who blocked the bot, are banned or turned
/// notifications off are skipped (re-checked before each send); a 403 marks the user unreachable (the client does
/// that). The admin gets progress and a final count.
/// </summary>
public sealed class Broadcaster(
    ITelegramBotClient bot, Broadcasts broadcasts, BroadcastAudience audience, Coordinator coordinator, Localizer texts,
    IOptions<BroadcastOptions> options, TimeProvider time, ILogger<Broadcaster> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>A broadcast was queued here: look now rather than at the next poll (other instances' are found by polling).</summary>
    public void Wake() => _wake.Release();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await coordinator.RunWhileHeldAsync("broadcast", SendQueuedAsync, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Broadcaster stopped");
        }
    }

    private async Task SendQueuedAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Broadcast? next = null;
            try
            {
                next = await broadcasts.NextAsync(ct);
                if (next is not null)
                {
                    await RunAsync(next, ct);
                    continue;
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogError(ex, "Broadcast {BroadcastId} failed; it is resumed at the next poll", next?.Id);
            }

            await _wake.WaitAsync(Poll, ct);
        }
    }

    private async Task RunAsync(Broadcast job, CancellationToken ct)
    {
        var (all, skippedAtStart) = await audience.ListAsync(ct);
        var lang = job.Language;
        var total = job.Recipients ?? all.Count;
        var last = job.LastAccount ?? (all.Count > 0 ? all[^1].AccountId : 0);
        if (await broadcasts.StartAsync(job.Id, all.Count, last, skippedAtStart, ct))
        {
            await TellAdminAsync(job, texts.Get(lang, "admin.broadcast.started", ("count", all.Count), ("skipped", skippedAtStart)), ct);
        }

        var interval = TimeSpan.FromSeconds(1 / options.Value.MessagesPerSecond);
        var started = time.GetTimestamp();
        var due = TimeSpan.Zero;
        var (sent, failed, done) = (job.Sent, job.Failed, job.Processed);
        // Resumed: after the last recipient reached, up to the audience fixed at the start (ordered by account id).
        foreach (var recipient in all.Where(r => r.AccountId > job.Cursor && r.AccountId <= last))
        {
            // A ceiling, not a schedule: after a stall the next send still waits a full interval, so late
            // sends never catch up in a burst.
            var wait = due - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            due = time.GetElapsedTime(started) + interval;
            await broadcasts.ReachAsync(job.Id, recipient.AccountId, ct);
            done++;
            var outcome = !await audience.StillReachableAsync(recipient.AccountId, ct) ? BroadcastOutcome.Skipped
                : await TrySendAsync(recipient, job.Text, ct) ? BroadcastOutcome.Sent : BroadcastOutcome.Failed;
            await broadcasts.CountAsync(job.Id, outcome, CancellationToken.None);
            sent += outcome == BroadcastOutcome.Sent ? 1 : 0;
            failed += outcome == BroadcastOutcome.Failed ? 1 : 0;
            if (done % options.Value.ProgressEvery == 0 && done < total)
            {
                await TellAdminAsync(job, texts.Get(lang, "admin.broadcast.progress", ("done", done), ("count", total), ("sent", sent), ("failed", failed)), ct);
            }
        }

        var (finalSent, finalFailed, skipped) = await broadcasts.FinishAsync(job.Id, CancellationToken.None);
        logger.LogInformation("Broadcast {BroadcastId} of admin {AdminId} finished: {Sent} sent, {Failed} failed, {Skipped} skipped", job.Id, job.AdminId, finalSent, finalFailed, skipped);
        await TellAdminAsync(job, texts.Get(lang, "admin.broadcast.done", ("sent", finalSent), ("failed", finalFailed), ("skipped", skipped)), ct);
    }

    private async Task<bool> TrySendAsync(BroadcastRecipient recipient, string text, CancellationToken ct)
    {
        try
        {
            await bot.SendMessage(recipient.TelegramUserId, text, cancellationToken: ct);
            return true;
        }
        catch (RequestException ex)
        {
            logger.LogInformation("Broadcast to account {AccountId} failed: {Error}", recipient.AccountId, ex.Message);
            return false;
        }
    }

    private async Task TellAdminAsync(Broadcast job, string text, CancellationToken ct)
    {
        try
        {
            await bot.SendMessage(job.AdminChatId, text, cancellationToken: ct);
        }
        catch (RequestException ex)
        {
            logger.LogWarning(ex, "Broadcast report to admin {AdminId} could not be sent", job.AdminId);
        }
    }
}
