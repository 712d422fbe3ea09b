namespace Elumenta.Api.Auth;

/// <summary><c>Api:Jwt</c>: how web-session access tokens are signed and for how long they live.</summary>
public sealed class JwtOptions
{
    public const string Section = "Api:Jwt";

    /// <summary>HMAC-SHA256 key, at least 32 bytes (UTF-8). From the environment; required outside Development.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "elumenta";
    public string Audience { get; set; } = "elumenta-api";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
