namespace ElumentaBot.Transport;

/// <summary>One chat's pacing state. Private chats: a token bucket. Groups: a bucket and at most N per minute.</summary>
public sealed class ChatLane
{
    private const long Minute = 60_000;
    private readonly bool _group;
    private readonly double _capacity;
    private readonly double _perMs;
    private readonly int _perMinute;
    private readonly int _marginMs;
    private readonly Queue<long> _minuteLog = new();
    private double _tokens;
    private long _refilledAt;
    private long _pausedUntil;
    private long _slowUntil;

    public ChatLane(long chatId, PacingOptions options, long now)
    {
        ArgumentNullException.ThrowIfNull(options);
        _group = chatId < 0;
        _capacity = _group ? options.GroupBurst : options.PrivateBurst;
        _perMs = (_group ? options.GroupPerMinute / 60.0 : options.PrivatePerSecond) / 1000.0;
        _perMinute = options.GroupPerMinute;
        _marginMs = options.SafetyMarginMs;
        _tokens = _capacity;
        _refilledAt = now;
        LastUsed = now;
    }

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    internal int Refs { get; set; }

    internal long LastUsed { get; set; }

    // After a 429 the chat refills at half speed for a minute.
    private double Rate(long now) => now < _slowUntil ? _perMs / 2 : _perMs;

    internal long WaitNeeded(long now)
    {
        Refill(now);
        var wait = Math.Max(_pausedUntil - now, _tokens >= 1 ? 0 : (long)Math.Ceiling((1 - _tokens) / Rate(now)));
        if (_group)
        {
            while (_minuteLog.Count > 0 && _minuteLog.Peek() <= now - Minute - _marginMs)
            {
                _minuteLog.Dequeue();
            }

            if (_minuteLog.Count >= _perMinute)
            {
                wait = Math.Max(wait, _minuteLog.Peek() + Minute + _marginMs - now);
            }
        }

        return wait;
    }

    internal void Consume(long now)
    {
        Refill(now);
        _tokens = Math.Max(0, _tokens - 1);
        if (_group)
        {
            _minuteLog.Enqueue(now);
        }
    }

    internal void OnFlood(long now, long until)
    {
        _pausedUntil = Math.Max(_pausedUntil, until);
        _slowUntil = until + Minute;
        _tokens = 0;
        _refilledAt = Math.Max(now, until);
    }

    internal bool IsIdle(long now) => Refs == 0 && now - LastUsed > 2 * Minute && now > _slowUntil;

    private void Refill(long now)
    {
        if (now > _refilledAt)
        {
            _tokens = Math.Min(_capacity, _tokens + ((now - _refilledAt) * Rate(now)));
            _refilledAt = now;
        }
    }
}
