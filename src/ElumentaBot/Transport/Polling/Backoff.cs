namespace ElumentaBot.Transport;

/// <summary>Exponential backoff with ±25% jitter, reset after a success.</summary>
public sealed class Backoff(TimeSpan min, TimeSpan max)
{
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures++, 16);
        var baseMs = Math.Min(max.TotalMilliseconds, min.TotalMilliseconds * Math.Pow(2, exponent));
#pragma warning disable CA5394 // Jitter only spreads retries; it needs no cryptographic randomness.
        var jitter = 0.75 + (Random.Shared.NextDouble() * 0.5);
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(Math.Min(max.TotalMilliseconds, baseMs * jitter));
    }

    public void Reset() => _failures = 0;
}
