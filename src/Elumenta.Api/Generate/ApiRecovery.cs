using Elumenta.Core.Generations;

namespace Elumenta.Api.Generate;

/// <summary>
/// A synchronous API generation still pending whose process is gone (its request went with it) is released — never
/// left holding tokens and a slot. One API process: at start, before the server listens (today's behaviour). Several:
/// also every half lease, on the instance holding the recovery lease, for instances that died since. Async ones are
/// the job poller's (it resumes them, or fails those that never reached a provider).
/// </summary>
public sealed partial class ApiRecovery(GenerationStore generations, Orphans orphans, ILogger<ApiRecovery> logger) : BackgroundService
{
    public const string LeaseName = "recovery:api";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReleaseAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        orphans.Coordinated ? orphans.RecoverAsync(LeaseName, ReleaseAsync, stoppingToken) : Task.CompletedTask;

    /// <summary>One pass; returns how many were released (a release is conditional, so two passes never release one twice).</summary>
    public async Task<int> ReleaseAsync(CancellationToken ct)
    {
        var released = 0;
        foreach (var g in await orphans.OpenAsync(asyncOnly: false, "api", ct))
        {
            if (!g.IsAsync && await generations.FailAsync(g.Id, "unavailable", "The API restarted while the request was running.", ct: ct))
            {
                released++;
                LogReleased(logger, g.Id);
            }
        }

        return released;
    }

    [LoggerMessage(LogLevel.Information, "Released API generation {GenerationId}: the process running it stopped")]
    private static partial void LogReleased(ILogger logger, long generationId);
}
