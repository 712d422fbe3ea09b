using System.Threading.Channels;
using Elumenta.Core.Admin;
using ElumentaBot.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace ElumentaBot.Admin;

public sealed record BroadcastJob(long AdminId, long AdminChatId, string Language, string Text);

/// <summary>
/// Sends broadcasts in the background, one job at a time, paced at <see cref="BroadcastOptions.MessagesPerSecond"/>.
/// Users who blocked the bot, are banned or turned notifications off are skipped (re-checked before each send);
/// a 403 marks the user unreachable (the client does that). The admin gets progress and a final count.
/// </summary>
public sealed class Broadcaster(
    ITelegramBotClient bot, BroadcastAudience audience, Localizer texts, IOptions<BroadcastOptions> options, TimeProvider time, ILogger<Broadcaster> logger) : BackgroundService
{
    private readonly Channel<BroadcastJob> _jobs = Channel.CreateUnbounded<BroadcastJob>(new UnboundedChannelOptions { SingleReader = true });

    public void Start(BroadcastJob job) => _jobs.Writer.TryWrite(job);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _jobs.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await RunAsync(job, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "Broadcast of admin {AdminId} failed", job.AdminId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Broadcaster stopped");
        }
    }

    private async Task RunAsync(BroadcastJob job, CancellationToken ct)
    {
        var (recipients, skipped) = await audience.ListAsync(ct);
        var lang = job.Language;
        await TellAdminAsync(job, texts.Get(lang, "admin.broadcast.started", ("count", recipients.Count), ("skipped", skipped)), ct);
        var interval = TimeSpan.FromSeconds(1 / options.Value.MessagesPerSecond);
        var started = time.GetTimestamp();
        var due = TimeSpan.Zero;
        int sent = 0, failed = 0, done = 0;
        foreach (var recipient in recipients)
        {
            // A ceiling, not a schedule: after a stall the next send still waits a full interval, so late
            // sends never catch up in a burst.
            var wait = due - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            due = time.GetElapsedTime(started) + interval;

            done++;
            if (!await audience.StillReachableAsync(recipient.AccountId, ct))
            {
                skipped++;
            }
            else if (await TrySendAsync(recipient, job.Text, ct))
            {
                sent++;
            }
            else
            {
                failed++;
            }

            if (done % options.Value.ProgressEvery == 0 && done < recipients.Count)
            {
                await TellAdminAsync(job, texts.Get(lang, "admin.broadcast.progress", ("done", done), ("count", recipients.Count), ("sent", sent), ("failed", failed)), ct);
            }
        }

        logger.LogInformation("Broadcast of admin {AdminId} finished: {Sent} sent, {Failed} failed, {Skipped} skipped", job.AdminId, sent, failed, skipped);
        await TellAdminAsync(job, texts.Get(lang, "admin.broadcast.done", ("sent", sent), ("failed", failed), ("skipped", skipped)), ct);
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

    private async Task TellAdminAsync(BroadcastJob job, string text, CancellationToken ct)
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
