using System.Threading.RateLimiting;

namespace Elumenta.Api.Auth;

/// <summary>
/// A fixed window of <c>permits</c> per <c>window</c> on the injected clock (the framework's windows run on their
/// own timers). The window opens at the first request; a refused lease says exactly when it closes (RetryAfter).
/// </summary>
internal sealed class ClockWindowLimiter(int permits, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private static readonly RateLimitLease Granted = new WindowLease(true, null);

    private readonly Lock _sync = new();
    private DateTimeOffset _windowEnd = clock.GetUtcNow();
    private int _used;
    private long _granted;
    private long _refused;

    /// <summary>How long since the last window closed: the partitioned limiter drops limiters idle for a while.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_sync)
            {
                var now = clock.GetUtcNow();
                return now >= _windowEnd ? now - _windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_sync)
        {
            var open = clock.GetUtcNow() < _windowEnd;
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = open ? permits - _used : permits,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permits);
        lock (_sync)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + window;
                _used = 0;
            }

            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                _granted++;
                return Granted;
            }

            _refused++;
            return new WindowLease(false, _windowEnd - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
