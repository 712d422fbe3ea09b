using Elumenta.Api.Errors;
using Elumenta.Api.Mail;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Auth;

/// <summary><c>POST /auth/forgot-password</c> and <c>POST /auth/reset-password</c>.</summary>
public static class PasswordReset
{
    public static async Task<IResult> ForgotAsync(ForgotPasswordRequest body, HttpContext http, EmailLogins logins, AuthMails mails)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        if (Credentials.EmailProblem(body.Email) is { } problem)
        {
            return ApiErrors.Validation("email", problem);
        }

        // The mail leaves from a background queue, so a known address answers as fast as an unknown one.
        if (await logins.IssueResetAsync(Credentials.NormalizeEmail(body.Email)!, http.RequestAborted) is { } reset)
        {
            mails.SendPasswordReset(reset.Email, reset.Token);
        }

        return TypedResults.Ok(new MessageAnswer("If an account uses this email, a password reset link is on its way (valid for 1 hour)."));
    }

    public static async Task<IResult> ResetAsync(ResetPasswordRequest body, HttpContext http, EmailLogins logins, Passwords passwords)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        var problems = Credentials.Problems(
            ("token", string.IsNullOrWhiteSpace(body.Token) ? "Required." : null),
            ("new_password", Credentials.PasswordProblem(body.NewPassword)));
        if (problems.Count > 0)
        {
            return ApiErrors.Validation(problems);
        }

        return await logins.ResetPasswordAsync(body.Token!.Trim(), passwords.Hash(body.NewPassword!), http.RequestAborted) is null
            ? EmailSignUp.InvalidLink("password reset")
            : TypedResults.Ok(new MessageAnswer("Password changed. Every session of this account was signed out; sign in with the new password."));
    }
}
