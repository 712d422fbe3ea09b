using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Errors;

/// <summary>
/// Nothing leaves the API without the documented body: malformed JSON and wrong types become 400 bad_request,
/// an unknown route 404 not_found, and an unexpected exception a 500 that names no type, trace or secret.
/// </summary>
public static partial class ErrorHandling
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        // Minimal APIs then throw on a body that does not bind instead of answering an empty 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    public static WebApplication UseApiErrors(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // ApiExceptionHandler answers every exception; the delegate only runs if it declined (a started response).
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = context => WriteAsync(context, 500, new ApiErrorBody(ErrorCodes.InternalError, "Something went wrong on our side; nothing was charged. Try again.")),
        });
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            if (response.ContentLength is > 0 || response.ContentType is not null)
            {
                return;
            }

            var (code, message) = response.StatusCode switch
            {
                404 => (ErrorCodes.NotFound, "No such endpoint."),
                405 => (ErrorCodes.BadRequest, "This endpoint does not take that method."),
                415 => (ErrorCodes.BadRequest, "This endpoint does not take that content type: send application/json (multipart/form-data for uploads such as /api/v2/stt)."),
                401 => (ErrorCodes.NotAuthenticated, "Authentication required."),
                _ => (ErrorCodes.BadRequest, "The request could not be handled."),
            };
            await WriteAsync(context.HttpContext, response.StatusCode, new ApiErrorBody(code, message));
        });
        return app;
    }

    internal static Task WriteAsync(HttpContext context, int status, object body)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), options, context.RequestAborted);
    }

    private sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (httpContext.Response.HasStarted)
            {
                return false;
            }

            if (exception is BadHttpRequestException bad)
            {
                var status = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? 413 : 400;
                var message = status == 413 ? "The request body is too large." : BodyProblem(bad);
                await WriteAsync(httpContext, status, new ApiErrorBody(ErrorCodes.BadRequest, message));
                return true;
            }

            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            await WriteAsync(httpContext, 500, new ApiErrorBody(ErrorCodes.InternalError, "Something went wrong on our side; nothing was charged. Try again."));
            return true;
        }

        // The framework's message names the parameter and type, never the body's content: safe to show.
        private static string BodyProblem(BadHttpRequestException bad) =>
            bad.InnerException is JsonException json
                ? $"The body is not valid JSON for this endpoint{(json.Path is { Length: > 1 } p ? $" (at {p})" : "")}."
                : bad.Message.StartsWith("Failed to read parameter", StringComparison.Ordinal) || bad.Message.StartsWith("Implicit body", StringComparison.Ordinal)
                    ? "The body is missing or not valid JSON."
                    : bad.Message;

        [LoggerMessage(LogLevel.Error, "Unhandled error on {Method} {Path}")]
        private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
    }
}
