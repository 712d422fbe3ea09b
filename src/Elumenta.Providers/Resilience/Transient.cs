using Polly;
using Polly.Timeout;

namespace Elumenta.Providers.Resilience;

/// <summary>Which outcomes are worth repeating (for repeatable calls) and which count against a provider's health.</summary>
internal static class Transient
{
    public static async ValueTask<bool> IsRetryableAsync(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result!;
        if (RetryAfter.ShouldRetryHeader(response.Headers) is { } should)
        {
            return should;
        }

        var status = (int)response.StatusCode;
        if (status == 429)
        {
            // Out of credit looks like a rate limit at OpenAI; repeating it only delays the user's error.
            var body = await response.Content.ReadAsStringAsync();
            return !body.Contains("insufficient_quota", StringComparison.OrdinalIgnoreCase)
                && !body.Contains("quota_exceeded", StringComparison.OrdinalIgnoreCase);
        }

        return status is 408 or 409 or >= 500;
    }

    public static bool IsProviderFault(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || (outcome.Result is { } response && (int)response.StatusCode >= 500);
}
