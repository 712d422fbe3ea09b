using System.Reflection;
using System.Security.Cryptography;

namespace Elumenta.Core.Coordination;

/// <summary>This process as the other instances see it: <c>host-pid-random</c>, unique even when a pid is reused.</summary>
public sealed class InstanceIdentity
{
    public InstanceIdentity(TimeProvider clock, string? program = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Program = program ?? Assembly.GetEntryAssembly()?.GetName().Name ?? "elumenta";
        Id = $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        StartedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public string Id { get; }

    public string Program { get; }

    public long StartedAtMs { get; }

    public override string ToString() => Id;
}
