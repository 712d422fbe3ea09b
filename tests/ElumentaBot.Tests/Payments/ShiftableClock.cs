namespace ElumentaBot.Tests.Payments;

/// <summary>Real time plus an offset the test moves forward: timers and timeouts keep working while cycles run out.</summary>
internal sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
