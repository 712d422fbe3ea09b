using Dapper;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// At start: results completed but never delivered (a crash between settling and sending) are delivered, once —
/// the claim makes a concurrent listener delivery harmless; synchronous media requests cut off by the stop can no
/// longer finish and are released (async ones resume in the job poller).
/// </summary>
public sealed partial class UndeliveredOnStart(
    GenerationStore generations, MediaDelivery delivery, Store store, TimeProvider clock, ILogger<UndeliveredOnStart> logger) : BackgroundService
{
    private readonly long _startedAt = clock.NowMs();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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

            foreach (var generation in await generations.ListUndeliveredAsync(stoppingToken))
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
            """
            SELECT id FROM generations
            WHERE status = 'pending' AND is_async = 0 AND source = 'bot' AND category NOT IN ('Text', 'Stt') AND created_at < @startedAt
            """, new { startedAt = _startedAt }, cancellationToken: ct)), ct)).ToList();

    [LoggerMessage(LogLevel.Error, "Delivering results left over from before the start failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
