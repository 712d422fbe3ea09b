using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Coordination;

/// <summary>The <c>instances</c> rows: each live process refreshes its own; a stale heartbeat means the process is gone.</summary>
public sealed class Instances(Store store, TimeProvider clock)
{
    /// <summary>
    /// SQL: the instance named by <paramref name="column"/> is not alive (no row, or a heartbeat before <c>@aliveSince</c>).
    /// A NULL id (work admitted before instances were recorded) counts as dead.
    /// </summary>
    public static string IsDead(string column) =>
        $"NOT EXISTS (SELECT 1 FROM instances live WHERE live.id = {column} AND live.heartbeat_at >= @aliveSince)";

    public Task BeatAsync(InstanceIdentity me, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(me);
        return store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO instances (id, program, started_at, heartbeat_at) VALUES (@Id, @Program, @StartedAtMs, @now)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at
            """,
            new { me.Id, me.Program, me.StartedAtMs, now = clock.NowMs() }, t, cancellationToken: ct)), ct);
    }

    /// <summary>A clean stop: the row goes, so survivors take this instance's work over at once.</summary>
    public Task RemoveAsync(string id, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM instances WHERE id = @id", new { id }, t, cancellationToken: ct)), ct);

    /// <summary>Rows of instances dead for more than a day (nothing refers to them any more but old generations).</summary>
    public Task<int> PruneAsync(CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM instances WHERE heartbeat_at < @before", new { before = clock.NowMs() - (long)TimeSpan.FromDays(1).TotalMilliseconds }, t, cancellationToken: ct)), ct);

    public Task<bool> IsAliveAsync(string id, TimeSpan lease, CancellationToken ct = default) =>
        store.ReadAsync(async c => await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM instances WHERE id = @id AND heartbeat_at >= @aliveSince",
            new { id, aliveSince = clock.NowMs() - (long)lease.TotalMilliseconds }, cancellationToken: ct)) > 0, ct);
}
