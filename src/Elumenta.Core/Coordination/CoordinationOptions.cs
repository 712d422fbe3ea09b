namespace Elumenta.Core.Coordination;

/// <summary><c>Coordination</c>: how instances sharing one database find out who is alive and who holds what.</summary>
public sealed class CoordinationOptions
{
    public const string Section = "Coordination";

    /// <summary>
    /// Leases, claims and heartbeats on (true) or off (false). Unset: on for PostgreSQL, off for SQLite, where one
    /// bot process and one API process share the file and each knows its own work (today's single-machine path).
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>An instance whose heartbeat is older than this is dead; a lease or claim not renewed for this long is free.</summary>
    public double LeaseSeconds { get; set; } = 15;

    /// <summary>How often an instance refreshes its heartbeat and renews its leases (defaults to a fifth of the lease).</summary>
    public double? HeartbeatSeconds { get; set; }

    /// <summary>How often a bot instance looks in the inbox for pending updates of chats it holds or may claim.</summary>
    public int ClaimSweepMs { get; set; } = 200;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(HeartbeatSeconds ?? LeaseSeconds / 5);

    public bool IsEnabledFor(Storage.StoreProvider provider) => Enabled ?? provider == Storage.StoreProvider.Postgres;

    internal bool IsValid() =>
        LeaseSeconds is >= 0.5 and <= 600 && Heartbeat > TimeSpan.Zero && Heartbeat.TotalSeconds * 2 <= LeaseSeconds
        && ClaimSweepMs is >= 10 and <= 10_000;
}
