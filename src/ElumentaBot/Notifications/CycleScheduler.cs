using Elumenta.Core.Coordination;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Notifications;

/// <summary>
/// Runs <see cref="CycleJobs"/> (plan ends, reminders, Star reconciliation, payment sweeps) at start and then every
/// <see cref="SchedulerOptions.IntervalSeconds"/>, on one instance at a time: the holder of the scheduler lease.
/// </summary>
public sealed class CycleScheduler(
    IServiceScopeFactory scopes, Coordinator coordinator, IOptions<SchedulerOptions> options, TimeProvider time, ILogger<CycleScheduler> logger) : BackgroundService
{
    public const string LeaseName = "cycle-scheduler";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Cycle scheduler is disabled");
            return;
        }

        await coordinator.RunWhileHeldAsync(LeaseName, RunAsync, stoppingToken);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CycleJobs>().RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Cycle jobs tick failed");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
