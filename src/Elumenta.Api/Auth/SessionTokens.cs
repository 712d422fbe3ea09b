using System.Globalization;
using Elumenta.Core.Accounts;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Elumenta.Api.Auth;

/// <summary>
/// Web-session credentials: a short HS256 access token (what <c>JwtBearer</c> checks on every request) and a
/// long refresh token kept hashed by <see cref="SessionStore"/>.
/// </summary>
public sealed class SessionTokens(SigningKey key, IOptions<JwtOptions> options, TimeProvider clock, SessionStore sessions)
{
    public const string TokenType = "bearer";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public int ExpiresInSeconds => (int)options.Value.AccessTokenLifetime.TotalSeconds;

    /// <summary>A token for this account at its current session version: a password reset voids it at once.</summary>
    public string AccessToken(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = clock.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Value.AccessTokenLifetime,
            Claims = new Dictionary<string, object>
            {
                [ApiClaims.Subject] = account.Id.ToString(CultureInfo.InvariantCulture),
                [ApiClaims.Via] = ApiClaims.ViaSession,
                [ApiClaims.SessionVersion] = account.SessionVersion.ToString(CultureInfo.InvariantCulture),
            },
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>A sign-in: a new refresh-token family and an access token.</summary>
    public async Task<TokenPair> StartAsync(Account account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        var refresh = await sessions.StartAsync(account.Id, options.Value.RefreshTokenLifetime, ct);
        return Pair(account, refresh);
    }

    public Task<RefreshResult> RotateAsync(string refreshToken, CancellationToken ct) =>
        sessions.RotateAsync(refreshToken, options.Value.RefreshTokenLifetime, ct);

    public TokenPair Pair(Account account, string refreshToken) => new(AccessToken(account), refreshToken, TokenType, ExpiresInSeconds);
}
