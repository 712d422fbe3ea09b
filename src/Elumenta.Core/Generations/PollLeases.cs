using Dapper;
using Elumenta.Core.Coordination;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Generations;

/// <summary>
/// Which instance polls an async job: a lease on the generation row, claimed with <c>FOR UPDATE SKIP LOCKED</c>,
/// renewed by every pass of its holder and free once it expires (the holder died) or is released (a clean stop).
/// </summary>
public sealed class PollLeases(Store store, TimeProvider clock)
{
    private const int MaxPerPass = 1000;

    /// <summary>
    /// The open async jobs of <paramref name="source"/> this instance now holds: those it held, those nobody holds, and
    /// those whose lease expired. One not yet handed to a provider is left to its admitting instance while that lives.
    /// </summary>
    public async Task<IReadOnlyList<Generation>> ClaimAsync(string source, string holder, TimeSpan lease, long aliveSince, CancellationToken ct = default)
    {
        var now = clock.NowMs();
        var claimed = await store.WriteAsync(async (c, t) => (await c.QueryAsync<Generation>(new CommandDefinition(
            $"""
            UPDATE generations SET poll_holder = @holder, poll_lease_until = @until
            WHERE id IN (
                SELECT g.id FROM generations g
                WHERE g.status = 'pending' AND g.is_async = 1 AND g.source = @source
                  AND (g.poll_holder = @holder OR g.poll_lease_until IS NULL OR g.poll_lease_until < @now)
                  AND (g.provider_job_id IS NOT NULL OR g.instance_id = @holder OR {Instances.IsDead("g.instance_id")})
                ORDER BY g.id LIMIT {MaxPerPass} {store.Sql.ForUpdateSkipLocked})
            RETURNING {Generation.Columns}
            """,
            new { source, holder, now, until = now + (long)lease.TotalMilliseconds, aliveSince }, t, cancellationToken: ct))).ToList(), ct);
        return [.. claimed.OrderBy(g => g.Id)];
    }

    /// <summary>A clean stop hands every job this instance polls to the others at once.</summary>
    public Task<int> ReleaseAllAsync(string holder, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE generations SET poll_holder = NULL, poll_lease_until = NULL WHERE poll_holder = @holder AND status = 'pending'",
            new { holder }, t, cancellationToken: ct)), ct);
}
