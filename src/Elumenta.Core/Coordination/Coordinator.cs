using Elumenta.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Coordination;

/// <summary>
/// What a service needs to work beside other instances: who this instance is, whether coordination is on, and
/// singleton work that runs only while this instance holds its lease. With coordination off (SQLite, one process
/// per program) the work simply runs, as it always did.
/// </summary>
public sealed partial class Coordinator(
    Store store, InstanceIdentity me, Leases leases, IOptions<CoordinationOptions> options, TimeProvider clock, ILogger<Coordinator> logger)
{
    private readonly CoordinationOptions _options = options.Value;

    public bool Enabled { get; } = options.Value.IsEnabledFor(store.Provider);

    public InstanceIdentity Me => me;

    public TimeSpan Lease => _options.Lease;

    public TimeSpan Heartbeat => _options.Heartbeat;

    public TimeSpan ClaimSweep => TimeSpan.FromMilliseconds(_options.ClaimSweepMs);

    /// <summary>Heartbeats at or after this are of live instances (the <c>@aliveSince</c> of <see cref="Instances.IsDead"/>).</summary>
    public long AliveSinceMs() => clock.NowMs() - (long)Lease.TotalMilliseconds;

    /// <summary>
    /// Runs <paramref name="work"/> only while this instance holds lease <paramref name="name"/>: stands by until it is free,
    /// renews it every heartbeat, and cancels the work when it is lost or cannot be renewed before it would expire.
    /// Returns when <paramref name="ct"/> is cancelled (the lease is released) or the work ends by itself.
    /// </summary>
    public async Task RunWhileHeldAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!Enabled)
        {
            await work(ct);
            return;
        }

        while (!ct.IsCancellationRequested)
        {
            if (!await TryAcquireAsync(name, ct))
            {
                await DelayAsync(Heartbeat, ct);
                continue;
            }

            LogAcquired(logger, name, me.Id);
            var ended = await RunHeldAsync(name, work, ct);
            if (ended || ct.IsCancellationRequested)
            {
                await ReleaseQuietlyAsync(name);
                return;
            }
        }
    }

    /// <summary>Runs <paramref name="pass"/> every <paramref name="every"/>, on one instance at a time (the lease holder).</summary>
    public Task RepeatWhileHeldAsync(string name, TimeSpan every, Func<CancellationToken, Task> pass, CancellationToken ct) =>
        RunWhileHeldAsync(name, async held =>
        {
            while (!held.IsCancellationRequested)
            {
                try
                {
                    await pass(held);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogPassFailed(logger, ex, name);
                }

                await DelayAsync(every, held);
            }
        }, ct);

    /// <summary>True when the work ended by itself, false when the lease was lost (the caller stands by again).</summary>
    private async Task<bool> RunHeldAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        using var held = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heldUntil = clock.GetUtcNow() + Lease;
        var running = Task.Run(() => work(held.Token), CancellationToken.None);
        while (!running.IsCompleted && !ct.IsCancellationRequested)
        {
            await Task.WhenAny(running, Task.Delay(Heartbeat, clock, ct).ContinueWith(_ => { }, TaskScheduler.Default));
            if (running.IsCompleted || ct.IsCancellationRequested)
            {
                break;
            }

            var renewedAt = clock.GetUtcNow();
            bool? kept;
            try
            {
                kept = await TryAcquireAsync(name, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopped while renewing: a clean stop (the work is cancelled and the lease released below).
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRenewFailed(logger, ex, name);
                kept = null;
            }

            if (kept == true)
            {
                heldUntil = renewedAt + Lease;
            }
            else if (kept == false || clock.GetUtcNow() + Heartbeat >= heldUntil)
            {
                // Stop before another instance may take it over, not after.
                LogLost(logger, name, me.Id);
                await held.CancelAsync();
                break;
            }
        }

        await held.CancelAsync();
        try
        {
            await running;
            return !ct.IsCancellationRequested && !held.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception ex)
        {
            LogWorkFailed(logger, ex, name);
            await ReleaseQuietlyAsync(name);
            await DelayAsync(Heartbeat, ct);
            return false;
        }
    }

    private Task<bool> TryAcquireAsync(string name, CancellationToken ct) => leases.TryAcquireAsync(name, me.Id, Lease, ct);

    private async Task ReleaseQuietlyAsync(string name)
    {
        try
        {
            await leases.ReleaseAsync(name, me.Id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogRenewFailed(logger, ex, name);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, clock, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(LogLevel.Information, "Instance {InstanceId} holds lease {Lease} and runs its work")]
    private static partial void LogAcquired(ILogger logger, string lease, string instanceId);

    [LoggerMessage(LogLevel.Warning, "Instance {InstanceId} lost lease {Lease}; its work stops and it stands by")]
    private static partial void LogLost(ILogger logger, string lease, string instanceId);

    [LoggerMessage(LogLevel.Warning, "Renewing or releasing lease {Lease} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(LogLevel.Error, "The work under lease {Lease} failed; it is released and tried again")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string lease);

    [LoggerMessage(LogLevel.Error, "A pass under lease {Lease} failed; the next one tries again")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string lease);
}
