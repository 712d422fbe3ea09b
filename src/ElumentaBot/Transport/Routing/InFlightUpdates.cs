namespace ElumentaBot.Transport;

/// <summary>
/// With coordination on, the updates this instance has queued or is running, and those it finished lately: the
/// sweep reads pending rows that may be queued here already, or finished between its read and its enqueue.
/// </summary>
internal sealed class InFlightUpdates(TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly HashSet<int> _running = [];
    private readonly Dictionary<int, long> _finished = [];

    /// <summary>False when the update is queued, running or was just finished here.</summary>
    public bool TryStart(int updateId)
    {
        lock (_sync)
        {
            return !_finished.ContainsKey(updateId) && _running.Add(updateId);
        }
    }

    /// <summary>True when every one of <paramref name="updateIds"/> is queued, running or finished here.</summary>
    public bool AllKnown(IReadOnlyList<int> updateIds)
    {
        lock (_sync)
        {
            return updateIds.All(id => _running.Contains(id) || _finished.ContainsKey(id));
        }
    }

    /// <summary>Handled (done or failed) is remembered a while; cancelled at shutdown is simply pending again.</summary>
    public void Finish(int updateId, bool handled)
    {
        lock (_sync)
        {
            _running.Remove(updateId);
            if (handled)
            {
                _finished[updateId] = time.GetTimestamp();
            }
        }
    }

    public void ForgetFinishedBefore(TimeSpan age)
    {
        lock (_sync)
        {
            foreach (var (id, at) in _finished.Where(f => time.GetElapsedTime(f.Value) > age).ToList())
            {
                _finished.Remove(id);
            }
        }
    }
}
