using System.Globalization;
using Elumenta.Api.Errors;
using Elumenta.Api.Limits;
using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Catalog;

namespace Elumenta.Api.Auth;

public enum CallerKind { ApiKey, Session }

/// <summary>Who is calling: the account as read at the start of this request, and with which credential.</summary>
public sealed record ApiCaller(Account Account, CallerKind Kind, long? KeyId)
{
    public long AccountId => Account.Id;
}

public static class ApiCallerExtensions
{
    /// <summary>The caller resolved by <see cref="CallerFilter"/>; only endpoints in the authenticated group have one.</summary>
    public static ApiCaller Caller(this HttpContext context) =>
        context?.Features.Get<ApiCaller>() ?? throw new InvalidOperationException("This endpoint is not in the authenticated group.");
}

/// <summary>
/// Runs before every authenticated endpoint: loads the account fresh from the store, applies the credential rules
/// of api.md §1 (keys need VIP or Elite, sessions end when the password is reset), and arranges the
/// <c>X-RateLimit-*</c> headers on whatever the endpoint answers.
/// </summary>
public sealed class CallerFilter(AccountService accounts, ModelCatalog catalog, RateLimitHeaders headers) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var user = http.User;
        if (!long.TryParse(user.FindFirst(ApiClaims.Subject)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var accountId)
            || await FindAsync(http, accountId) is not { } account)
        {
            return ApiErrors.NotAuthenticated();
        }

        var kind = user.FindFirst(ApiClaims.Via)?.Value == ApiClaims.ViaKey ? CallerKind.ApiKey : CallerKind.Session;
        if (kind == CallerKind.Session && user.FindFirst(ApiClaims.SessionVersion)?.Value != account.SessionVersion.ToString(CultureInfo.InvariantCulture))
        {
            return ApiErrors.NotAuthenticated("This session has ended; sign in again.");
        }

        if (account.Banned)
        {
            return ApiErrors.Forbidden("This account is suspended.");
        }

        var plan = catalog.PlanOrFree(account.Plan);
        if (kind == CallerKind.ApiKey && !plan.ApiAccess)
        {
            return ApiErrors.InsufficientPlan("API access requires the VIP or Elite plan", catalog.Plans.Where(p => p.ApiAccess).Select(p => p.Code));
        }

        long? keyId = long.TryParse(user.FindFirst(ApiClaims.KeyId)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : null;
        http.Features.Set(new ApiCaller(account, kind, keyId));
        headers.Attach(http, account.Id, plan);
        return await next(context);
    }

    /// <summary>The account the key handler read with the key in this request, or a fresh read (sessions).</summary>
    private async Task<Account?> FindAsync(HttpContext http, long accountId) =>
        http.Features.Get<VerifiedApiKey>() is { } verified && verified.Account.Id == accountId
            ? verified.Account
            : await accounts.FindAsync(accountId, http.RequestAborted);
}
