namespace Elumenta.Providers.Resilience;

/// <summary>What a request is, which decides its timeout and whether it may be repeated.</summary>
public enum CallKind
{
    /// <summary>Creates billable work (chat, image, job submit). Never retried.</summary>
    Create,

    /// <summary>A streamed create: timed to the response headers, never retried.</summary>
    Stream,

    /// <summary>Reads a job's state. Retried.</summary>
    Poll,

    /// <summary>Fetches a finished result. Retried.</summary>
    Download,

    /// <summary>Cancels a job (provider-idempotent). Retried.</summary>
    Cancel,
}

public static class CallKinds
{
    public static readonly HttpRequestOptionsKey<CallKind> Key = new("Elumenta.CallKind");

    public static HttpRequestMessage As(this HttpRequestMessage request, CallKind kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(Key, kind);
        return request;
    }

    /// <summary>
    /// Unmarked requests come from the OpenAI SDK, whose every POST creates billable work; its streaming
    /// client is registered with <paramref name="unmarked"/> = <see cref="CallKind.Stream"/>.
    /// </summary>
    public static CallKind Of(HttpRequestMessage request, CallKind? unmarked = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(Key, out var kind) ? kind
            : unmarked ?? (request.Method == HttpMethod.Get ? CallKind.Poll : CallKind.Create);
    }

    public static bool IsRepeatable(this CallKind kind) => kind is CallKind.Poll or CallKind.Download or CallKind.Cancel;
}
