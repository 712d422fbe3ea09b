using System.Globalization;
using System.Net.Http.Headers;

namespace Elumenta.Providers.Resilience;

/// <summary>Reads the retry hint the way the official SDKs do: <c>retry-after-ms</c>, then <c>Retry-After</c>.</summary>
public static class RetryAfter
{
    public static TimeSpan? From(HttpResponseHeaders headers, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return From(name => headers.TryGetValues(name, out var v) ? v.FirstOrDefault() : null, clock);
    }

    public static TimeSpan? From(Func<string, string?> header, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(clock);
        if (double.TryParse(header("retry-after-ms"), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        var value = header("Retry-After")?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Gemini's <c>google.rpc.RetryInfo.retryDelay</c> (<c>"37s"</c>, <c>"1.5s"</c>).</summary>
    public static TimeSpan? FromDuration(string? value) =>
        value is { Length: > 1 } && value.EndsWith('s')
        && double.TryParse(value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary><c>x-should-retry</c> (OpenAI, Anthropic) overrides the status-based decision when present.</summary>
    public static bool? ShouldRetryHeader(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.TryGetValues("x-should-retry", out var values) && bool.TryParse(values.FirstOrDefault(), out var should)
            ? should
            : null;
    }
}
