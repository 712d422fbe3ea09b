using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Http;

/// <summary>HTTP status first, then the provider's code, as providers.md prescribes.</summary>
internal static class ErrorMapper
{
    public static ProviderException Map(ProviderName provider, int status, TimeSpan? retryHint, string body, string? apiKey)
    {
        var parsed = ErrorBody.Parse(body);
        var text = parsed.Text;
        var kind = ErrorClassifier.FromStatus(status);
        var retryAfter = retryHint ?? parsed.RetryAfter;

        if (provider == ProviderName.Google && status == 429)
        {
            // RESOURCE_EXHAUSTED covers per-minute limits and daily quota alike; both clear with time (RetryInfo).
            kind = ProviderErrorKind.Overloaded;
        }
        else if (Has(text, "insufficient_quota", "quota_exceeded", "invalid_api_key", "api key", "api_key_invalid", "authentication_error",
                "billing", "credit balance", "insufficient balance", "insufficient credit", "permission_denied"))
        {
            kind = ProviderErrorKind.Misconfigured;
        }
        else if (Has(text, "content_policy_violation", "moderation_blocked", "content_filter") || (status is 400 or 403 or 422 && ErrorClassifier.LooksLikePolicy(parsed.Message)))
        {
            kind = ProviderErrorKind.ContentPolicy;
        }
        else if (provider == ProviderName.Google && status == 400 && Has(text, "FAILED_PRECONDITION"))
        {
            kind = ProviderErrorKind.Misconfigured;
        }
        else if (provider == ProviderName.MidJourney && status == 403)
        {
            kind = ProviderErrorKind.ContentPolicy;
        }
        else if (Has(text, "overloaded", "system_busy", "too_many_concurrent", "rate_limit", "resource_exhausted") && status != 400)
        {
            kind = ProviderErrorKind.Overloaded;
        }

        var message = parsed.Message ?? (string.IsNullOrWhiteSpace(body) ? null : body);
        return ErrorClassifier.Create(provider, kind, message, status, kind == ProviderErrorKind.Overloaded ? retryAfter : null, parsed.Code, apiKey);
    }

    public static ProviderException Malformed(ProviderName provider, string what, Exception? inner = null) =>
        new(ProviderErrorKind.Unavailable, provider, $"{provider} sent a malformed {what}.", inner: inner);

    private static bool Has(string text, params string[] needles) =>
        needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
}
