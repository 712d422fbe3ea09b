using System.Security.Claims;
using System.Text.Encodings.Web;
using Elumenta.Core.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Auth;

/// <summary><c>Authorization: Bearer nb_…</c>: a key made by the bot's /apikey or POST /api/v2/keys, checked by its hash.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        if (await keys.VerifyWithAccountAsync(presented, Context.RequestAborted) is not { } verified)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        // Read with the key in one statement; CallerFilter takes it instead of reading the account again.
        Context.Features.Set(verified);
        var key = verified.Key;

        var identity = new ClaimsIdentity(
            [
                new Claim(ApiClaims.Subject, key.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ApiClaims.Via, ApiClaims.ViaKey),
                new Claim(ApiClaims.KeyId, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Errors.ErrorHandling.WriteAsync(Context, 401, new Errors.ApiErrorBody(Errors.ErrorCodes.NotAuthenticated,
            BearerToken.From(Request) is null ? "Authentication required: send Authorization: Bearer <API key or access token>." : "This API key is unknown or was revoked."));
}

internal static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    public static bool IsApiKey(HttpRequest request) => From(request)?.StartsWith(ApiKeyStore.KeyPrefix, StringComparison.Ordinal) == true;
}
