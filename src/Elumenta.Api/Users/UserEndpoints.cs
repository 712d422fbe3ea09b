using Elumenta.Api.Auth;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Users;

/// <summary><c>/api/v2/balance</c>, <c>/user/balance</c>, <c>/user/me</c>, <c>/user/settings</c>, <c>/user/history</c>.</summary>
public static class UserEndpoints
{
    public static IServiceCollection AddUsers(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder caller)
    {
        caller.MapGet("/balance", (HttpContext http) => Balance(http.Caller().Account))
            .WithTags("Account").WithSummary("Token balance and plan");
        return caller;
    }

    private static BalanceAnswer Balance(Account account) => new(account.Balance, account.Plan, account.PlanEndsAt);

    public sealed record BalanceAnswer(int TokenBalance, string Plan, DateTimeOffset? PlanExpiresAt);
}
