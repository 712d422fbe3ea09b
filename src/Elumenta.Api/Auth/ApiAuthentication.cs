using System.Security.Cryptography;
using System.Text;
using Elumenta.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Elumenta.Api.Auth;

/// <summary>
/// One bearer header, two kinds of credential: <c>nb_</c> keys go to <see cref="ApiKeyAuthenticationHandler"/>,
/// anything else is a web-session JWT for <c>JwtBearer</c>. Both answer a failed challenge with the documented 401.
/// </summary>
public static class ApiAuthentication
{
    public const string Scheme = "ApiBearer";

    public static IServiceCollection AddApiAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section))
            .Validate(o => environment.IsDevelopment() || Encoding.UTF8.GetByteCount(o.SigningKey ?? "") >= 32,
                "Api:Jwt:SigningKey must be set to a secret of at least 32 bytes (environment variable Api__Jwt__SigningKey); only Development makes up its own.")
            .ValidateOnStart();
        // Development without a key signs with one made up at start: sessions end with the process (README).
        services.AddSingleton(new SigningKey(Encoding.UTF8.GetByteCount(jwt.SigningKey ?? "") >= 32
            ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey!))
            : new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32))));

        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, Scheme, o => o.ForwardDefaultSelector = context =>
                BearerToken.IsApiKey(context.Request) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<JwtOptions>, TimeProvider>((o, key, options, clock) =>
            {
                o.MapInboundClaims = false;
                o.TimeProvider = clock;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = options.Value.Issuer,
                    ValidAudience = options.Value.Audience,
                    IssuerSigningKey = key.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = TimeSpan.Zero,
                    LifetimeValidator = (notBefore, expires, _, _) => expires is { } e && e > clock.GetUtcNow().UtcDateTime && (notBefore is not { } n || n <= clock.GetUtcNow().UtcDateTime),
                };
                o.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        context.HandleResponse();
                        var expired = context.AuthenticateFailure is SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException;
                        await ErrorHandling.WriteAsync(context.HttpContext, 401, expired
                            ? new ApiErrorBody(ErrorCodes.TokenExpired, "The access token has expired; refresh it with POST /api/v2/auth/refresh.")
                            : new ApiErrorBody(ErrorCodes.NotAuthenticated, context.AuthenticateFailure is null
                                ? "Authentication required: send Authorization: Bearer <API key or access token>."
                                : "The access token is not valid."));
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }
}

/// <summary>The key access tokens are signed and checked with.</summary>
public sealed record SigningKey(SymmetricSecurityKey Key);
