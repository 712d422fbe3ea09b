using Elumenta.Api.Errors;
using Elumenta.Api.Mail;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Auth;

/// <summary><c>POST /auth/register</c> and <c>POST /auth/verify-email</c>.</summary>
public static class EmailSignUp
{
    public static async Task<IResult> RegisterAsync(RegisterRequest body, HttpContext http, EmailLogins logins, Passwords passwords, AuthMails mails)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        var problems = Credentials.Problems(
            ("email", Credentials.EmailProblem(body.Email)),
            ("password", Credentials.PasswordProblem(body.Password)),
            ("username", Credentials.UsernameProblem(body.Username)));
        if (problems.Count > 0)
        {
            return ApiErrors.Validation(problems);
        }

        var email = Credentials.NormalizeEmail(body.Email)!;
        var registration = await logins.RegisterAsync(email, passwords.Hash(body.Password!), Credentials.NormalizeUsername(body.Username), http.RequestAborted);
        if (registration is null)
        {
            return ApiErrors.Conflict("An account with this email already exists; sign in, or reset the password.");
        }

        mails.SendVerification(email, registration.VerifyToken);
        return TypedResults.Json(
            new RegisteredAnswer("Account created. We sent a verification link to this address; verify it, then sign in.", registration.AccountId),
            statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> VerifyEmailAsync(TokenRequest body, HttpContext http, EmailLogins logins)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrWhiteSpace(body.Token))
        {
            return ApiErrors.Validation("token", "Required.");
        }

        return await logins.VerifyAsync(body.Token.Trim(), http.RequestAborted)
            ? TypedResults.Ok(new MessageAnswer("Email verified; you can sign in now."))
            : InvalidLink("verification");
    }

    /// <summary>400: the token was never issued, has expired, or was used already (which of them is not told).</summary>
    internal static IResult InvalidLink(string kind) =>
        ApiErrors.BadRequest($"This {kind} link is invalid, expired or already used.", new Dictionary<string, string> { ["token"] = "Invalid, expired or already used." });
}
