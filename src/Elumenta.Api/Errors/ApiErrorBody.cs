using System.Text.Json.Serialization;

namespace Elumenta.Api.Errors;

/// <summary>Every error the API answers (api.md §5): <c>{"error": code, "message": text, "details": {}}</c>.</summary>
public sealed record ApiErrorBody(string Error, string Message, object? Details = null)
{
    [JsonPropertyOrder(10)]
    public object Details { get; init; } = Details ?? new Dictionary<string, object>();
}

/// <summary>The 429 body of api.md §5: the error shape plus when to come back and which limits apply.</summary>
public sealed record RateLimitBody(string Error, string Message, int RetryAfter, string Plan, int? LimitHour, int? LimitDay)
{
    public object Details { get; init; } = new Dictionary<string, object>();
}

/// <summary>The error codes of api.md §5, each with its HTTP status.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "bad_request";
    public const string NotAuthenticated = "not_authenticated";
    public const string TokenExpired = "token_expired";
    public const string InsufficientTokens = "insufficient_tokens";
    public const string InsufficientPlan = "insufficient_plan";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";
    public const string ValidationError = "validation_error";
    public const string RateLimitExceeded = "rate_limit_exceeded";
    public const string TooManyRequests = "too_many_requests";
    public const string ProviderError = "provider_error";
    public const string ModelUnavailable = "model_unavailable";
    public const string InternalError = "internal_error";
}
