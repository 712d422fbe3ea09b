using Microsoft.Extensions.Options;

namespace ElumentaBot.Transport;

/// <summary>
/// Keeps sends under Telegram's flood limits before Telegram has to say so: one lane per chat (serial,
/// token bucket; groups also a 60-second window) and one global sliding window shared by all chats.
/// </summary>
public sealed class OutboundPacer(IOptions<PacingOptions> options, TimeProvider time)
{
    private readonly PacingOptions _o = options.Value;
    private readonly Lock _sync = new();
    private readonly Dictionary<long, ChatLane> _lanes = [];
    private readonly SemaphoreSlim _globalGate = new(1, 1);
    private readonly Queue<long> _globalLog = new();
    private readonly Queue<(long ChatId, long At)> _recentFloods = new();
    private long _globalPausedUntil;
    private double _globalTat;
    private long _lastSweep;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Takes the chat's lane (waits for its previous send); null when pacing is off.</summary>
    public async Task<Lease?> EnterAsync(long chatId, CancellationToken ct)
    {
        if (!_o.Enabled)
        {
            return null;
        }

        ChatLane lane;
        lock (_sync)
        {
            Sweep();
            if (!_lanes.TryGetValue(chatId, out lane!))
            {
                lane = new ChatLane(chatId, _o, Now);
                _lanes[chatId] = lane;
            }

            lane.Refs++;
        }

        try
        {
            await lane.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(lane, entered: false);
            throw;
        }

        return new Lease(this, lane);
    }

    public async Task WaitGlobalPauseAsync(CancellationToken ct)
    {
        var wait = Interlocked.Read(ref _globalPausedUntil) - Now;
        if (wait > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), time, ct);
        }
    }

    /// <summary>A 429: pause that chat (or everything, if the flood looks global) for <paramref name="retryAfter"/> seconds.</summary>
    public void OnFlood(long? chatId, int retryAfter)
    {
        var now = Now;
        var until = now + (retryAfter * 1000L);
        lock (_sync)
        {
            var global = chatId is null;
            if (chatId is { } id)
            {
                if (_lanes.TryGetValue(id, out var lane))
                {
                    lane.OnFlood(now, until);
                }

                // Several chats flooded within a second means the bot as a whole is over the limit.
                _recentFloods.Enqueue((id, now));
                while (_recentFloods.Peek().At < now - 1000)
                {
                    _recentFloods.Dequeue();
                }

                global = _recentFloods.Select(f => f.ChatId).Distinct().Count() >= 3;
            }

            if (global && until > _globalPausedUntil)
            {
                Interlocked.Exchange(ref _globalPausedUntil, until);
            }
        }
    }

    private async Task WaitSlotAsync(ChatLane lane, CancellationToken ct)
    {
        for (long wait; (wait = lane.WaitNeeded(Now)) > 0;)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), time, ct);
        }

        await _globalGate.WaitAsync(ct);
        try
        {
            var window = _o.GlobalWindowMs + _o.SafetyMarginMs;
            while (true)
            {
                var now = Now;
                while (_globalLog.Count > 0 && _globalLog.Peek() <= now - window)
                {
                    _globalLog.Dequeue();
                }

                // GCRA spacing (limit/window apart, short bursts) keeps arrivals even, so latency jitter
                // can't bunch two windows' worth together; the log enforces the hard per-window cap.
                var interval = (double)window / _o.GlobalLimit;
                var tat = Math.Max(_globalTat, now);
                var wait = Math.Max(Interlocked.Read(ref _globalPausedUntil) - now,
                    _globalLog.Count >= _o.GlobalLimit ? _globalLog.Peek() + window - now : 0);
                wait = Math.Max(wait, (long)Math.Ceiling(tat - ((_o.GlobalBurst - 1) * interval) - now));
                if (wait <= 0)
                {
                    _globalTat = tat + interval;
                    _globalLog.Enqueue(now);
                    lane.Consume(now);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(wait), time, ct);
            }
        }
        finally
        {
            _globalGate.Release();
        }
    }

    private void Leave(ChatLane lane, bool entered)
    {
        if (entered)
        {
            lane.Gate.Release();
        }

        lock (_sync)
        {
            lane.Refs--;
            lane.LastUsed = Now;
        }
    }

    // Idle lanes are dropped so a broadcast to many users does not leave one object per user behind.
    private void Sweep()
    {
        var now = Now;
        if (_lanes.Count < 4096 || now - _lastSweep < 10_000)
        {
            return;
        }

        _lastSweep = now;
        foreach (var (id, lane) in _lanes.Where(p => p.Value.IsIdle(now)).ToList())
        {
            _lanes.Remove(id);
            lane.Gate.Dispose();
        }
    }

    /// <summary>Ownership of one chat's lane; dispose to let the chat's next send go.</summary>
    public sealed class Lease(OutboundPacer pacer, ChatLane lane) : IDisposable
    {
        private int _disposed;

        public Task WaitSlotAsync(CancellationToken ct) => pacer.WaitSlotAsync(lane, ct);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pacer.Leave(lane, entered: true);
            }
        }
    }
}
