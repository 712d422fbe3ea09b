using Elumenta.Api.Errors;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Auth;

/// <summary><c>POST /auth/login</c> and <c>POST /auth/refresh</c>.</summary>
public static class EmailSignIn
{
    // One answer for an unknown address and a wrong password, so the endpoint does not tell which addresses exist.
    private const string WrongCredentials = "Wrong email or password.";

    public static async Task<IResult> LoginAsync(LoginRequest body, HttpContext http, EmailLogins logins, Passwords passwords, AccountService accounts, SessionTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        var ct = http.RequestAborted;
        var problems = Credentials.Problems(
            ("email", string.IsNullOrWhiteSpace(body.Email) ? "Required." : null),
            ("password", string.IsNullOrEmpty(body.Password) ? "Required." : null));
        if (problems.Count > 0)
        {
            return ApiErrors.Validation(problems);
        }

        var email = Credentials.NormalizeEmail(body.Email);
        var login = email is null ? null : await logins.FindAsync(email, ct);
        // Unknown addresses are checked against a decoy hash: the same answer in the same time.
        var (matches, rehash) = passwords.Verify(login?.PasswordHash, body.Password!);
        if (login is null || !matches)
        {
            return ApiErrors.NotAuthenticated(WrongCredentials);
        }

        if (rehash)
        {
            await logins.ReplaceHashAsync(login.AccountId, passwords.Hash(body.Password!), ct);
        }

        if (login.VerifiedAt is null)
        {
            return ApiErrors.Forbidden("Verify your email first: open the link we mailed you. Lost it? Reset the password; that verifies the address too.");
        }

        if (await accounts.FindAsync(login.AccountId, ct) is not { } account || account.Banned)
        {
            return ApiErrors.Forbidden("This account is suspended.");
        }

        var pair = await tokens.StartAsync(account, ct);
        return TypedResults.Ok(new EmailSignInAnswer(pair.AccessToken, pair.RefreshToken, pair.TokenType, pair.ExpiresIn,
            new EmailUserAnswer(account.Id, login.Email, login.Username, account.Plan, account.Balance)));
    }

    public static async Task<IResult> RefreshAsync(RefreshRequest body, HttpContext http, AccountService accounts, SessionTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrWhiteSpace(body.RefreshToken))
        {
            return ApiErrors.Validation("refresh_token", "Required.");
        }

        var result = await tokens.RotateAsync(body.RefreshToken.Trim(), http.RequestAborted);
        // Never token_expired here: that code tells a client to refresh, which is what just failed.
        switch (result.Outcome)
        {
            case RefreshOutcome.Expired:
                return ApiErrors.NotAuthenticated("The refresh token has expired; sign in again.");
            case RefreshOutcome.Reused:
                return ApiErrors.NotAuthenticated("This refresh token was already used, so every token of its sign-in was revoked; sign in again.");
            case RefreshOutcome.Unknown or RefreshOutcome.Revoked:
                return ApiErrors.NotAuthenticated("The refresh token is unknown or revoked; sign in again.");
        }

        if (await accounts.FindAsync(result.AccountId, http.RequestAborted) is not { } account || account.Banned)
        {
            return ApiErrors.Forbidden("This account is suspended.");
        }

        return TypedResults.Ok(tokens.Pair(account, result.Token!));
    }
}
