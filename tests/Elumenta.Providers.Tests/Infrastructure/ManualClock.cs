namespace Elumenta.Providers.Tests.Infrastructure;

/// <summary>A clock the test moves by hand: job timeouts and poll schedules without sleeping.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public ManualClock()
        : this(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero))
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
