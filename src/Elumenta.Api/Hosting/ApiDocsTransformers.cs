using Elumenta.Api.Errors;
using Elumenta.Api.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Elumenta.Api.Hosting;

/// <summary>The document's title, its two bearer schemes and the error schemas every operation refers to.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";
    public const string ServiceKeyScheme = "service_key";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Elumenta REST API",
            Version = "v2",
            Description = "The API of the Elumenta bot's accounts: one balance and one pair of rolling limits, whether a request comes from Telegram or from here. "
                + "Errors are `{\"error\", \"message\", \"details\"}`; every authenticated answer carries the X-RateLimit-* headers (none for Elite, which is unlimited).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (`nb_` + 45 characters; VIP and Elite, from POST /api/v2/keys or the bot's /apikey) or a web-session access token (JWT from /api/v2/auth/*, 15 minutes).",
        };
        document.Components.SecuritySchemes[ServiceKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A support service key from the server's Api:ServiceKeys (the support bot's); a user's key or session is refused.",
        };
        // The operation transformer refers to these by id whether or not an endpoint declared them itself.
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var type in new[] { typeof(ApiErrorBody), typeof(RateLimitBody) })
        {
            if (!document.Components.Schemas.ContainsKey(type.Name))
            {
                document.Components.Schemas[type.Name] = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            }
        }
    }
}

/// <summary>
/// What each operation really answers besides its own declarations: the credential it takes and the 401/403 of the
/// credential check, the five X-RateLimit-* headers of an authenticated answer, and <c>Retry-After</c> on every 429.
/// </summary>
internal sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly (string Name, string Description)[] LimitHeaders =
    [
        ("X-RateLimit-Limit-Hour", "Requests the plan allows per rolling hour (0: that window is unlimited)."),
        ("X-RateLimit-Remaining-Hour", "Requests left in the rolling hour, counting this one."),
        ("X-RateLimit-Limit-Day", "Requests the plan allows per rolling 24 hours (0: unlimited)."),
        ("X-RateLimit-Remaining-Day", "Requests left in the rolling 24 hours."),
        ("X-RateLimit-Reset-Hour", "Unix seconds when the oldest request counted in the hour leaves the window."),
    ];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        operation.Responses ??= [];
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            Secure(operation, ApiDocumentTransformer.BearerScheme, document);
            Error(operation, 401, "not_authenticated (no, a malformed, an unknown or a revoked credential) or token_expired (refresh the session).", document);
            Error(operation, 403, "insufficient_plan (an API key on a plan without API access) or forbidden (a suspended account).", document);
            foreach (var (status, response) in operation.Responses)
            {
                // The credential check (401, 403) answers before the limits are looked at.
                if (status is not ("401" or "403") && response is OpenApiResponse concrete)
                {
                    concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                    foreach (var (name, description) in LimitHeaders)
                    {
                        concrete.Headers[name] = Header(description + " Not sent for Elite (unlimited).");
                    }
                }
            }
        }

        if (metadata.OfType<ServiceKeyRequired>().Any())
        {
            Secure(operation, ApiDocumentTransformer.ServiceKeyScheme, document);
            Error(operation, 401, "not_authenticated: no service key, or not one of Api:ServiceKeys.", document);
            Error(operation, 403, "forbidden: a user's API key or session instead of a service key.", document);
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Error(operation, 429, "too_many_requests: the per-IP limit of this endpoint; retry after Retry-After seconds.", document);
        }

        if (operation.Responses.TryGetValue("429", out var limited) && limited is OpenApiResponse tooMany)
        {
            tooMany.Headers ??= new Dictionary<string, IOpenApiHeader>();
            tooMany.Headers["Retry-After"] = Header("Seconds until a request can be admitted again (the same as retry_after in the body, where there is one).");
        }

        return Task.CompletedTask;
    }

    private static void Secure(OpenApiOperation operation, string scheme, OpenApiDocument? document) =>
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] }];

    /// <summary>Adds an error answer with the error body, unless the endpoint declared that status itself.</summary>
    private static void Error(OpenApiOperation operation, int status, string description, OpenApiDocument? document)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(ApiErrorBody), document) },
            },
        };
    }

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
}
