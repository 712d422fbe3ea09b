using System.Globalization;
using System.Security.Claims;
using Elumenta.Api.Auth;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Elumenta.Api.Tests.Users;

/// <summary>A web-session access token as the auth endpoints issue it, signed with the server's key.</summary>
internal static class TestSessions
{
    public static string AccessToken(ApiServer server, Account account)
    {
        var now = (server.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = "elumenta",
            Audience = "elumenta-api",
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(15),
            Subject = new ClaimsIdentity(
            [
                new Claim(ApiClaims.Subject, account.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(ApiClaims.Via, ApiClaims.ViaSession),
                new Claim(ApiClaims.SessionVersion, account.SessionVersion.ToString(CultureInfo.InvariantCulture)),
            ]),
            SigningCredentials = new SigningCredentials(server.Services.GetRequiredService<SigningKey>().Key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public static HttpClient SessionClient(this ApiServer server, Account account) => server.NewClient(AccessToken(server, account));
}
