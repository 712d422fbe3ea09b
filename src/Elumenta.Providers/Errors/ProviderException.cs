using Elumenta.Core.Catalog;

namespace Elumenta.Providers;

/// <summary>The small set of failures the UI can explain.</summary>
public enum ProviderErrorKind
{
    /// <summary>The provider refused the prompt or the output on safety grounds.</summary>
    ContentPolicy,

    /// <summary>The request cannot succeed as sent (bad option, too long, unsupported input).</summary>
    InvalidInput,

    /// <summary>Rate-limited or busy; <see cref="ProviderException.RetryAfter"/> when known.</summary>
    Overloaded,

    /// <summary>Our side: bad key, no credit/quota, model not permitted. Never retried.</summary>
    Misconfigured,

    /// <summary>5xx, network, open circuit, no key, job vanished.</summary>
    Unavailable,

    Timeout,
}

/// <summary>
/// Every adapter failure. <see cref="Exception.Message"/> is safe to log and to show support staff:
/// it never carries an API key.
/// </summary>
public sealed class ProviderException : Exception
{
    public ProviderException(ProviderErrorKind kind, ProviderName provider, string message, int? httpStatus = null, TimeSpan? retryAfter = null, string? code = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        Provider = provider;
        HttpStatus = httpStatus;
        RetryAfter = retryAfter;
        Code = code;
    }

    public ProviderException()
        : this(ProviderErrorKind.Unavailable, ProviderName.OpenAI, "Provider failure.")
    {
    }

    public ProviderException(string message)
        : this(ProviderErrorKind.Unavailable, ProviderName.OpenAI, message)
    {
    }

    public ProviderException(string message, Exception innerException)
        : this(ProviderErrorKind.Unavailable, ProviderName.OpenAI, message, inner: innerException)
    {
    }

    public ProviderErrorKind Kind { get; }
    public ProviderName Provider { get; }
    public int? HttpStatus { get; }
    public TimeSpan? RetryAfter { get; }

    /// <summary>The provider's own code when it sent one (<c>insufficient_quota</c>, <c>moderation_blocked</c> …).</summary>
    public string? Code { get; }

    /// <summary>The snake_case name stored in <c>generations.error_kind</c>.</summary>
    public string KindName => ToKindName(Kind);

    public static string ToKindName(ProviderErrorKind kind) => kind switch
    {
        ProviderErrorKind.ContentPolicy => "content_policy",
        ProviderErrorKind.InvalidInput => "invalid_input",
        ProviderErrorKind.Overloaded => "overloaded",
        ProviderErrorKind.Misconfigured => "misconfigured",
        ProviderErrorKind.Timeout => "timeout",
        _ => "unavailable",
    };

    public override string ToString() => $"{Provider} {Kind} ({HttpStatus?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}): {Message}";
}
