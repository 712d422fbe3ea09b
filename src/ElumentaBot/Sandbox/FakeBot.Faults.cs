using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>What the next calls of a method answer instead of succeeding.</summary>
public sealed record FakeFault(string Method, int Status, string? Description = null, int? RetryAfter = null,
    long? MigrateToChatId = null, string? RawBody = null, TimeSpan? Delay = null)
{
    internal int Remaining { get; set; } = 1;
}

public sealed partial class FakeBot
{
    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> (or "*") get this error envelope.</summary>
    public void Fail(string method, int status, string description, int times = 1, int? retryAfter = null, long? migrateToChatId = null) =>
        AddFault(new FakeFault(method, status, description, retryAfter, migrateToChatId) { Remaining = times });

    /// <summary>429 Too Many Requests with <c>retry_after</c>.</summary>
    public void FloodWait(string method, int retryAfter, int times = 1) =>
        Fail(method, 429, $"Too Many Requests: retry after {retryAfter}", times, retryAfter);

    /// <summary>A non-JSON body, as a proxy's 502 page.</summary>
    public void FailRaw(string method, int status, string body, int times = 1) =>
        AddFault(new FakeFault(method, status, RawBody: body) { Remaining = times });

    /// <summary>The next calls succeed, but only after <paramref name="delay"/> (longer than the client's timeout = a timeout).</summary>
    public void Delay(string method, TimeSpan delay, int times = 1) =>
        AddFault(new FakeFault(method, 200, Delay: delay) { Remaining = times });

    public void ClearFaults()
    {
        lock (_sync)
        {
            _faults.Clear();
        }
    }

    private void AddFault(FakeFault fault)
    {
        lock (_sync)
        {
            _faults.Add(fault);
        }
    }

    private FakeFault? TakeFault(string method)
    {
        var fault = _faults.FirstOrDefault(f => f.Method == "*" || string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase));
        if (fault is not null && --fault.Remaining <= 0)
        {
            _faults.Remove(fault);
        }

        return fault;
    }

    private static JsonObject ErrorBody(FakeFault fault)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = fault.Status, ["description"] = fault.Description ?? "Error" };
        if (fault.RetryAfter is not null || fault.MigrateToChatId is not null)
        {
            var parameters = new JsonObject();
            if (fault.RetryAfter is { } after)
            {
                parameters["retry_after"] = after;
            }

            if (fault.MigrateToChatId is { } chat)
            {
                parameters["migrate_to_chat_id"] = chat;
            }

            body["parameters"] = parameters;
        }

        return body;
    }
}
