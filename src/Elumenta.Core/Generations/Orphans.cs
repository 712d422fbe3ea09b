using Dapper;
using Elumenta.Core.Coordination;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Generations;

/// <summary>
/// Work whose process is gone: the only generations a recovery may release or finish. One instance per program
/// (coordination off): whatever a previous run left, found at start. Several: work admitted by an instance whose
/// heartbeat is stale, found by a sweep that survivors run under a lease.
/// </summary>
public sealed class Orphans(Store store, Coordinator coordinator)
{
    public bool Coordinated => coordinator.Enabled;

    /// <summary>Heartbeats at or after this are of live instances (<c>@aliveSince</c>).</summary>
    public long AliveSince() => coordinator.AliveSinceMs();

    /// <summary>
    /// SQL: generation <paramref name="alias"/> is an orphan — admitted before <c>@startedAt</c> (this run's start) with
    /// coordination off, or by a dead instance with it on (<c>@aliveSince</c>).
    /// </summary>
    public string Condition(string alias) =>
        Coordinated ? Instances.IsDead($"{alias}.instance_id") : $"{alias}.created_at < @startedAt";

    /// <summary>Open generations of <paramref name="source"/> (off: all of them, as at start today; on: a dead instance's).</summary>
    public async Task<IReadOnlyList<Generation>> OpenAsync(bool asyncOnly, string source, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<Generation>(new CommandDefinition(
            $"""
            SELECT {Generation.Columns} FROM generations g
            WHERE status = 'pending' AND source = @source AND (@asyncOnly = 0 OR is_async = 1)
              AND ({(Coordinated ? Instances.IsDead("g.instance_id") : "1 = 1")})
            ORDER BY id
            """,
            new { asyncOnly = asyncOnly ? 1 : 0, source, aliveSince = AliveSince() }, cancellationToken: ct)), ct)).ToList();

    /// <summary>Completed bot results never delivered, whose admitter and poller are both gone (nobody else will send them).</summary>
    public async Task<IReadOnlyList<Generation>> UndeliveredAsync(CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<Generation>(new CommandDefinition(
            $"""
            SELECT {Generation.Columns} FROM generations g
            WHERE status = 'completed' AND delivered_at IS NULL AND source = 'bot'
              AND ({(Coordinated ? $"{Instances.IsDead("g.instance_id")} AND (g.poll_holder IS NULL OR {Instances.IsDead("g.poll_holder")})" : "1 = 1")})
            ORDER BY id
            """,
            new { aliveSince = AliveSince() }, cancellationToken: ct)), ct)).ToList();

    /// <summary>
    /// Runs a recovery <paramref name="pass"/>: once (coordination off: at start, today's behaviour), or every half lease on
    /// the holder of lease <paramref name="name"/>, so a killed instance's work is released by a survivor within about a lease.
    /// </summary>
    public Task RecoverAsync(string name, Func<CancellationToken, Task> pass, CancellationToken ct) =>
        Coordinated ? coordinator.RepeatWhileHeldAsync(name, coordinator.Lease / 2, pass, ct) : pass(ct);
}
