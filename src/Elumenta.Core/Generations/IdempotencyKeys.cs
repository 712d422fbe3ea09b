using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Generations;

/// <summary>
/// The recorded idempotency keys (API <c>Idempotency-Key</c>s, the bot's inline answers) are kept for
/// <see cref="Retention"/>: long past any client's retry window and the bot's 2-day inline recovery, short enough
/// that the table does not grow with every request ever made. A key reused after that starts a new generation.
/// </summary>
public sealed class IdempotencyKeys(Store store, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    public Task<int> PruneAsync(CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM api_idempotency WHERE created_at < @cutoff",
            new { cutoff = clock.NowMs() - (long)Retention.TotalMilliseconds }, t, cancellationToken: ct)), ct);
}
