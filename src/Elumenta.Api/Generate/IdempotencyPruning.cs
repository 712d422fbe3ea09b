using Elumenta.Core.Generations;

namespace Elumenta.Api.Generate;

/// <summary>
/// Prunes idempotency keys past <see cref="IdempotencyKeys.Retention"/> at start and hourly, so an API that runs
/// without the bot (whose cycle jobs prune them too) does not keep every key ever sent. The delete is idempotent:
/// several processes doing it at once is harmless.
/// </summary>
public sealed partial class IdempotencyPruning(IdempotencyKeys keys, TimeProvider time, ILogger<IdempotencyPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await PruneOnceAsync(stoppingToken);
                await Task.Delay(Every, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PruneOnceAsync(CancellationToken ct)
    {
        try
        {
            if (await keys.PruneAsync(ct) is > 0 and var pruned)
            {
                LogPruned(logger, pruned);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(LogLevel.Information, "Pruned {Count} idempotency keys past their retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Pruning idempotency keys failed; the next hour tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
