using System.Globalization;
using System.Text.Json;
using Elumenta.Api.Errors;
using Elumenta.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Elumenta.Api.Auth;

/// <summary>The bot token the widget payloads are signed with (<c>Telegram:BotToken</c>, the bot's own).</summary>
public sealed class TelegramLoginOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }
}

/// <summary>
/// <c>POST /api/v2/auth/telegram</c>: signs into the account the bot keeps for that Telegram user (creating it,
/// with the sign-up grant, if the user never wrote to the bot), or, with a web-session bearer, links the
/// Telegram identity to the signed-in email account.
/// </summary>
public static class TelegramLogin
{
    public const string ServiceUnavailable = "service_unavailable";

    public static async Task<IResult> HandleAsync(
        JsonElement body, HttpContext http, IOptions<TelegramLoginOptions> options, TimeProvider clock,
        AccountService accounts, TelegramLinks links, SessionTokens tokens)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ct = http.RequestAborted;
        if (string.IsNullOrWhiteSpace(options.Value.BotToken))
        {
            return ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, ServiceUnavailable,
                "Telegram sign-in is not set up on this server (Telegram:BotToken is empty); sign in with email instead.");
        }

        var check = TelegramWidget.Check(body, options.Value.BotToken, clock.GetUtcNow());
        switch (check.Problem)
        {
            case WidgetProblem.Malformed:
                return ApiErrors.Validation(check.Fields!, "Send the Telegram Login Widget object as the widget gave it.");
            case WidgetProblem.BadSignature:
                return ApiErrors.NotAuthenticated("The Telegram login data is not signed for this bot (a field was changed, or the hash is wrong).");
            case WidgetProblem.Expired:
                return ApiErrors.NotAuthenticated("The Telegram login data is more than 24 hours old (or dated in the future); sign in with Telegram again.");
        }

        var user = check.User!;
        if (BearerToken.From(http.Request) is not null)
        {
            return await LinkAsync(http, user, accounts, links, tokens);
        }

        // An existing account is used as it is: a web sign-in must not rewrite the bot's language or clear its
        // "blocked the bot" mark the way a message to the bot does.
        var account = await accounts.FindByTelegramIdAsync(user.TelegramUserId, ct);
        var created = false;
        if (account is null)
        {
            var session = await accounts.GetOrCreateAsync(user, ct: ct);
            (account, created) = (session.Account, session.Created);
        }

        if (account.Banned)
        {
            return ApiErrors.Forbidden("This account is suspended.");
        }

        return TypedResults.Ok(Answer(await tokens.StartAsync(account, ct), account, created));
    }

    private static async Task<IResult> LinkAsync(HttpContext http, TelegramUserInfo user, AccountService accounts, TelegramLinks links, SessionTokens tokens)
    {
        var ct = http.RequestAborted;
        var auth = await http.AuthenticateAsync(ApiAuthentication.Scheme);
        if (!auth.Succeeded)
        {
            return auth.Failure is SecurityTokenExpiredException or SecurityTokenInvalidLifetimeException
                ? ApiErrors.TokenExpired()
                : ApiErrors.NotAuthenticated("The bearer token is not valid; send the widget data without it to sign in.");
        }

        var principal = auth.Principal!;
        if (principal.FindFirst(ApiClaims.Via)?.Value != ApiClaims.ViaSession)
        {
            return ApiErrors.Forbidden("Link a Telegram account from a signed-in web session; an API key cannot link identities.");
        }

        if (!long.TryParse(principal.FindFirst(ApiClaims.Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            || await accounts.FindAsync(accountId, ct) is not { } account
            || principal.FindFirst(ApiClaims.SessionVersion)?.Value != account.SessionVersion.ToString(CultureInfo.InvariantCulture))
        {
            return ApiErrors.NotAuthenticated("This session has ended; sign in again.");
        }

        if (account.Banned)
        {
            return ApiErrors.Forbidden("This account is suspended.");
        }

        switch (await links.LinkAsync(account.Id, user, ct))
        {
            case LinkOutcome.TelegramTaken:
                return ApiErrors.Conflict("This Telegram account already has its own Elumenta account; sign in with Telegram instead.");
            case LinkOutcome.OtherTelegramLinked:
                return ApiErrors.Conflict("This account is already linked to a different Telegram account.");
            case LinkOutcome.NoSuchAccount:
                return ApiErrors.NotAuthenticated("This session has ended; sign in again.");
        }

        account = (await accounts.FindAsync(account.Id, ct))!;
        return TypedResults.Ok(Answer(await tokens.StartAsync(account, ct), account, created: false));
    }

    private static TelegramSignInAnswer Answer(TokenPair pair, Account account, bool created) =>
        new(pair.AccessToken, pair.RefreshToken, pair.TokenType, pair.ExpiresIn, created,
            new TelegramUserAnswer(account.Id, account.TelegramUserId, account.Plan, account.Balance));
}
