using Microsoft.AspNetCore.Http.HttpResults;

namespace Elumenta.Api.Errors;

/// <summary>The documented error answers, so that every endpoint says the same thing the same way.</summary>
public static class ApiErrors
{
    public static JsonHttpResult<ApiErrorBody> Error(int status, string code, string message, object? details = null) =>
        TypedResults.Json(new ApiErrorBody(code, message, details), statusCode: status);

    public static JsonHttpResult<ApiErrorBody> BadRequest(string message, object? details = null) =>
        Error(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message, details);

    public static JsonHttpResult<ApiErrorBody> NotAuthenticated(string message = "Authentication required: send Authorization: Bearer <API key or access token>.") =>
        Error(StatusCodes.Status401Unauthorized, ErrorCodes.NotAuthenticated, message);

    public static JsonHttpResult<ApiErrorBody> TokenExpired() =>
        Error(StatusCodes.Status401Unauthorized, ErrorCodes.TokenExpired, "The access token has expired; refresh it with POST /api/v2/auth/refresh.");

    public static JsonHttpResult<ApiErrorBody> InsufficientTokens(int price, int balance) =>
        Error(StatusCodes.Status402PaymentRequired, ErrorCodes.InsufficientTokens, $"This request costs {price} tokens; the balance is {balance}.", new { price, balance });

    public static JsonHttpResult<ApiErrorBody> InsufficientPlan(string message, IEnumerable<string> plans) =>
        Error(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientPlan, message, new { plans = plans.ToArray() });

    public static JsonHttpResult<ApiErrorBody> Forbidden(string message) =>
        Error(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, message);

    public static JsonHttpResult<ApiErrorBody> NotFound(string message = "Not found.") =>
        Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    public static JsonHttpResult<ApiErrorBody> Conflict(string message, object? details = null) =>
        Error(StatusCodes.Status409Conflict, ErrorCodes.Conflict, message, details);

    /// <param name="fields">Field name → what is wrong with it.</param>
    public static JsonHttpResult<ApiErrorBody> Validation(IReadOnlyDictionary<string, string> fields, string? message = null) =>
        Error(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationError, message ?? "The request has invalid fields.", fields);

    public static JsonHttpResult<ApiErrorBody> Validation(string field, string problem) =>
        Validation(new Dictionary<string, string> { [field] = problem }, problem);

    public static JsonHttpResult<ApiErrorBody> ProviderError(string message = "The provider failed; no tokens were charged.") =>
        Error(StatusCodes.Status500InternalServerError, ErrorCodes.ProviderError, message);

    public static JsonHttpResult<ApiErrorBody> ModelUnavailable(string slug) =>
        Error(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ModelUnavailable, $"{slug} is not available right now; no tokens were charged.");
}
