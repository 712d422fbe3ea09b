namespace ElumentaBot.Transport;

/// <summary>
/// A step every update passes before routing, in the fixed order the host declares (reachability, account, ban,
/// group filter). A gate returns false when it has consumed the update: nothing after it runs.
/// </summary>
public interface IUpdateGate
{
    ValueTask<bool> PassAsync(UpdateContext context, CancellationToken ct);
}
