using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Elumenta.Core.Coordination;

/// <summary>
/// Keeps this instance's <c>instances</c> row fresh. The first beat is written before later hosted services start, so
/// nothing this instance admits is ever owned by an instance others think dead. A clean stop removes the row.
/// </summary>
internal sealed partial class InstanceHeartbeat(Coordinator coordinator, Instances instances, TimeProvider clock, ILogger<InstanceHeartbeat> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (coordinator.Enabled)
        {
            await instances.BeatAsync(coordinator.Me, cancellationToken);
            LogStarted(logger, coordinator.Me.Id, coordinator.Me.Program);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!coordinator.Enabled)
        {
            return;
        }

        var sincePrune = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(coordinator.Heartbeat, clock, stoppingToken);
                await instances.BeatAsync(coordinator.Me, stoppingToken);
                sincePrune += coordinator.Heartbeat;
                if (sincePrune >= PruneEvery)
                {
                    sincePrune = TimeSpan.Zero;
                    await instances.PruneAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogBeatFailed(logger, ex, coordinator.Me.Id);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (coordinator.Enabled)
        {
            try
            {
                await instances.RemoveAsync(coordinator.Me.Id, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBeatFailed(logger, ex, coordinator.Me.Id);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Instance {InstanceId} ({Program}) joined; coordination is on")]
    private static partial void LogStarted(ILogger logger, string instanceId, string program);

    [LoggerMessage(LogLevel.Warning, "Heartbeat of instance {InstanceId} failed; others think it dead after the lease time")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception, string instanceId);
}
