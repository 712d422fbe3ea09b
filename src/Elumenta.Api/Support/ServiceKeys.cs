using System.Security.Cryptography;
using System.Text;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Core.ApiKeys;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Support;

/// <summary><c>Api:ServiceKeys</c>: the keys the support bot presents (several, so one can be rotated without downtime).</summary>
public sealed class ServiceKeyOptions
{
    public const string Section = "Api";
    public const int MinLength = 32;

    public List<string> ServiceKeys { get; set; } = [];
}

/// <summary>Marks an endpoint that takes a service key, for the OpenAPI document.</summary>
public sealed class ServiceKeyRequired;

/// <summary>
/// The support endpoints' own check: <c>Authorization: Bearer &lt;service key&gt;</c>, compared in constant time with
/// every configured key. A user's API key or session is not a service key: 403, so a support bot misconfigured with
/// a user key is told so instead of guessing.
/// </summary>
public sealed class ServiceKeyFilter(IOptions<ServiceKeyOptions> options) : IEndpointFilter
{
    private readonly byte[][] _keys = [.. options.Value.ServiceKeys.Select(Hash)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (BearerToken.From(http.Request) is not { } presented)
        {
            return ApiErrors.NotAuthenticated("This endpoint takes the support bot's service key: Authorization: Bearer <service key>.");
        }

        if (Matches(presented))
        {
            return await next(context);
        }

        return http.User.Identity?.IsAuthenticated == true
            ? ApiErrors.Forbidden("This endpoint is for the support bot's service key, not a user's API key or session.")
            : ApiErrors.NotAuthenticated("This service key is not valid.");
    }

    // Hashing first gives equal lengths, so FixedTimeEquals compares every byte; no key is skipped on a match.
    private bool Matches(string presented)
    {
        var hash = Hash(presented);
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, key);
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    internal static bool IsValid(ServiceKeyOptions options) =>
        options.ServiceKeys.All(k => k is { Length: >= ServiceKeyOptions.MinLength } && !k.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal) && !k.Any(char.IsWhiteSpace));
}
