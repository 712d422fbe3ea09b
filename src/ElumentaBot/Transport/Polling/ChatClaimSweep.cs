using Elumenta.Core.Coordination;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Transport;

/// <summary>
/// Coordination on: every <c>Coordination:ClaimSweepMs</c> renews this instance's claims, takes chats and fast-lane
/// updates nobody holds (free, released, or expired because their holder stopped renewing) and runs the pending
/// rows it holds that are not queued here yet. A clean stop drains the dispatcher, then gives every claim up.
/// </summary>
public sealed partial class ChatClaimSweep(
    ChatClaims claims,
    UpdateDispatcher dispatcher,
    BusyChats busy,
    Coordinator coordinator,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<ChatClaimSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!claims.Enabled)
        {
            return;
        }

        busy.Idle += dispatcher.OnIdle;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
                await Task.Delay(coordinator.ClaimSweep, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSweepFailed(logger, ex);
                await Task.Delay(coordinator.ClaimSweep, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    internal async Task SweepOnceAsync(CancellationToken ct)
    {
        (await claims.SweepAsync(ct)).ForEach(dispatcher.Enqueue);
        // A finished update's row is done before it is forgotten here; a sweep reads for far less than a lease.
        dispatcher.ForgetFinishedBefore(coordinator.Lease);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!claims.Enabled)
        {
            return;
        }

        await dispatcher.StopAsync(TimeSpan.FromSeconds(options.Value.ShutdownDeadlineSeconds));
        try
        {
            await claims.ReleaseAllAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSweepFailed(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The chat claim sweep failed; claims expire after the lease unless a later sweep renews them")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
