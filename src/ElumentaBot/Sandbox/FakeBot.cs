using System.Globalization;
using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>A recorded Bot API call: method, parameters as received, uploads, arrival time and the status answered.</summary>
public sealed record FakeCall(string Method, JsonObject Parameters, IReadOnlyList<FakeUpload> Files, DateTimeOffset At, int Status)
{
    public long? Long(string name) => Parameters[name] is JsonValue v
        ? v.TryGetValue<long>(out var l) ? l : long.TryParse(v.ToString(), CultureInfo.InvariantCulture, out l) ? l : null
        : null;

    public string? String(string name) => Parameters[name]?.ToString();

    /// <summary>A boolean parameter as Telegram reads it: absent means false (Telegram.Bot omits false values).</summary>
    public bool Flag(string name) => Parameters[name] is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : bool.TryParse(v.ToString(), out b) && b);
}

/// <summary>One bot token's world: its update queue, its call log, its faults, its files.</summary>
public sealed partial class FakeBot(string token, TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly List<JsonObject> _updates = [];
    private readonly List<JsonObject> _redeliveries = [];
    private readonly Dictionary<int, JsonObject> _history = [];
    private readonly List<FakeCall> _calls = [];
    private readonly List<FakeFault> _faults = [];
    private readonly Dictionary<string, byte[]> _files = [];
    private readonly Dictionary<int, DateTimeOffset> _delivered = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1;
    private int _nextMessageId = 1;

    public string Token { get; } = token;

    public IReadOnlyList<FakeCall> Calls
    {
        get { lock (_sync) { return [.. _calls]; } }
    }

    public IReadOnlyList<FakeCall> CallsTo(string method) =>
        Calls.Where(c => string.Equals(c.Method, method, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>When each update_id was first returned by getUpdates.</summary>
    public IReadOnlyDictionary<int, DateTimeOffset> DeliveredAt
    {
        get { lock (_sync) { return new Dictionary<int, DateTimeOffset>(_delivered); } }
    }

    public int PendingUpdateCount
    {
        get { lock (_sync) { return _updates.Count; } }
    }

    /// <summary>Queues an update; <c>update_id</c> is assigned unless given. Returns the id.</summary>
    public int AddUpdate(JsonObject update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_sync)
        {
            var id = update["update_id"]?.GetValue<int>() ?? _nextUpdateId;
            update["update_id"] = id;
            _nextUpdateId = Math.Max(_nextUpdateId, id + 1);
            _updates.Add(update);
            _history[id] = (JsonObject)update.DeepClone();
            Signal();
            return id;
        }
    }

    /// <summary>
    /// New update ids start at <paramref name="offset"/> or above, as Telegram's never fall below a confirmed offset
    /// (a sandbox database that resumes at offset 10 would otherwise never see ids 1–9).
    /// </summary>
    public void ContinueFrom(int offset)
    {
        lock (_sync)
        {
            _nextUpdateId = Math.Max(_nextUpdateId, offset);
        }
    }

    /// <summary>An update as Telegram would post it to a webhook (the JSON getUpdates would return for it).</summary>
    public string UpdateJson(int updateId)
    {
        lock (_sync)
        {
            return _history[updateId].ToJsonString();
        }
    }

    /// <summary>Returns these updates on the next getUpdates whatever its offset, as Telegram does after an unconfirmed batch.</summary>
    public void Redeliver(IEnumerable<int> updateIds)
    {
        lock (_sync)
        {
            _redeliveries.AddRange(updateIds.Select(id => (JsonObject)_history[id].DeepClone()));
            Signal();
        }
    }

    public void AddFile(string fileId, byte[] content)
    {
        lock (_sync)
        {
            _files[fileId] = content;
        }
    }

    internal byte[]? GetFileContent(string path)
    {
        lock (_sync)
        {
            return path.StartsWith("files/", StringComparison.Ordinal) && _files.TryGetValue(path[6..], out var c) ? c : null;
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> calls of <paramref name="method"/> were recorded.</summary>
    public async Task<IReadOnlyList<FakeCall>> WaitForCallsAsync(string method, int count, TimeSpan timeout)
    {
        var deadline = time.GetTimestamp();
        while (true)
        {
            var calls = CallsTo(method);
            if (calls.Count >= count || time.GetElapsedTime(deadline) > timeout)
            {
                return calls;
            }

            await Task.Delay(10);
        }
    }

    private void Signal()
    {
        _arrived.TrySetResult();
        _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
