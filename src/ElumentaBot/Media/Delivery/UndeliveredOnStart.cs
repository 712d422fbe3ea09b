using Dapper;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// Results completed but never delivered (a crash between settling and sending) are delivered, once — the claim makes
/// a concurrent listener delivery harmless; synchronous media requests cut off by the stop can no longer finish and
/// are released (async ones resume in the job poller). At start with one bot process; with several, periodically
/// under a lease, for instances that died (<see cref="Orphans"/>).
/// </summary>
public sealed partial class UndeliveredOnStart(
    GenerationStore generations, Orphans orphans, MediaDelivery delivery, Store store, TimeProvider clock, ILogger<UndeliveredOnStart> logger) : BackgroundService
{
    private readonly long _startedAt = clock.NowMs();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => orphans.RecoverAsync("recovery:media", PassAsync, stoppingToken);

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var id in await InterruptedAsync(stoppingToken))
            {
                if (await generations.FailAsync(id, "unavailable", "The bot restarted while the request was running.", false, stoppingToken))
                {
                    await delivery.FailedAsync(id, stoppingToken);
                }
            }

            foreach (var generation in await orphans.UndeliveredAsync(stoppingToken))
            {
                if (generation.Category != nameof(ModelCategory.Text))
                {
                    await delivery.DeliverAsync(generation.Id, stoppingToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    private async Task<IReadOnlyList<long>> InterruptedAsync(CancellationToken ct) =>
        (await store.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(
            $"""
            SELECT id FROM generations g
            WHERE status = 'pending' AND is_async = 0 AND source = 'bot' AND category NOT IN ('Text', 'Stt') AND {orphans.Condition("g")}
            """, new { startedAt = _startedAt, aliveSince = orphans.AliveSince() }, cancellationToken: ct)), ct)).ToList();

    [LoggerMessage(LogLevel.Error, "Delivering results left over from before the start failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
