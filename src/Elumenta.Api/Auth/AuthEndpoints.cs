using Elumenta.Api.Errors;
using Elumenta.Api.Mail;
using Elumenta.Core.Accounts;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Auth;

/// <summary>
/// <c>/api/v2/auth/*</c> (api.md §1): Telegram Login Widget, email register / verify / login / refresh / forgot /
/// reset, each with its per-address limit.
/// </summary>
public static class AuthEndpoints
{
    public static IServiceCollection AddAuthEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelegramLoginOptions>().Bind(configuration.GetSection(TelegramLoginOptions.Section));
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();

        services.AddSingleton<EmailLogins>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<TelegramLinks>();
        services.AddSingleton<SessionTokens>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<MailSender>();
        services.AddSingleton<MailOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<MailOutbox>());
        services.AddSingleton<AuthMails>();

        services.AddAuthRateLimits();
        services.AddForwardedProxies(configuration);
        return services;
    }

    /// <summary>Forwarded headers are believed only from the proxies in configuration.</summary>
    public static WebApplication UseApiForwardedHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // With no known proxy at all the middleware believes every sender's X-Forwarded-For, so it runs only
        // when at least one proxy is configured.
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");
        // Answers carry tokens: no cache may keep them (RFC 6749 §5.1).
        auth.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        auth.MapPost("/telegram", TelegramLogin.HandleAsync).RequireRateLimiting(AuthRateLimits.Telegram)
            .WithSummary("Sign in with the Telegram Login Widget (or link it to the signed-in email account)")
            .Produces<TelegramSignInAnswer>().Errors(401, 403, 409, 422, 429, 503);
        auth.MapPost("/register", EmailSignUp.RegisterAsync).RequireRateLimiting(AuthRateLimits.Register)
            .WithSummary("Create an email account; a verification link is mailed")
            .Produces<RegisteredAnswer>(StatusCodes.Status201Created).Errors(409, 422, 429);
        auth.MapPost("/verify-email", EmailSignUp.VerifyEmailAsync).RequireRateLimiting(AuthRateLimits.VerifyEmail)
            .WithSummary("Verify the email address with the mailed token")
            .Produces<MessageAnswer>().Errors(400, 422, 429);
        auth.MapPost("/login", EmailSignIn.LoginAsync).RequireRateLimiting(AuthRateLimits.Login)
            .WithSummary("Sign in with email and password")
            .Produces<EmailSignInAnswer>().Errors(401, 403, 422, 429);
        auth.MapPost("/refresh", EmailSignIn.RefreshAsync).RequireRateLimiting(AuthRateLimits.Refresh)
            .WithSummary("Trade a refresh token for a new pair (each refresh token works once)")
            .Produces<TokenPair>().Errors(401, 403, 422, 429);
        auth.MapPost("/forgot-password", PasswordReset.ForgotAsync).RequireRateLimiting(AuthRateLimits.ForgotPassword)
            .WithSummary("Mail a password reset link (always 200)")
            .Produces<MessageAnswer>().Errors(422, 429);
        auth.MapPost("/reset-password", PasswordReset.ResetAsync).RequireRateLimiting(AuthRateLimits.ResetPassword)
            .WithSummary("Set a new password with the mailed token; every session ends")
            .Produces<MessageAnswer>().Errors(400, 422, 429);
        return api;
    }

    private static RouteHandlerBuilder Errors(this RouteHandlerBuilder route, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            route.Produces<ApiErrorBody>(status);
        }

        return route;
    }
}
