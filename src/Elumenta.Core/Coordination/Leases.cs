using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Coordination;

/// <summary>Named leases in the database: at most one holder at a time; a lease not renewed before it expires is free.</summary>
public sealed class Leases(Store store, TimeProvider clock)
{
    /// <summary>Takes the lease if it is free, expired or already ours, until now + <paramref name="duration"/>; false if another holds it.</summary>
    public Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct = default)
    {
        var now = clock.NowMs();
        return store.WriteAsync(async (c, t) => await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            """
            INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at < @now
            RETURNING holder
            """,
            new { name, holder, now, until = now + (long)duration.TotalMilliseconds }, t, cancellationToken: ct)) is not null, ct);
    }

    /// <summary>Gives the lease up at once (a clean stop), so a standby need not wait for it to expire.</summary>
    public Task<bool> ReleaseAsync(string name, string holder, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) => await c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM leases WHERE name = @name AND holder = @holder", new { name, holder }, t, cancellationToken: ct)) == 1, ct);

    /// <summary>Who holds <paramref name="name"/> now (null when nobody or expired).</summary>
    public Task<string?> HolderAsync(string name, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT holder FROM leases WHERE name = @name AND expires_at >= @now", new { name, now = clock.NowMs() }, cancellationToken: ct)), ct);
}
