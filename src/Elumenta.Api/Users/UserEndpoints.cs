using Elumenta.Api.Auth;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Users;

/// <summary><c>/api/v2/balance</c>, <c>/user/balance</c>, <c>/user/me</c>, <c>/user/settings</c>, <c>/user/history</c>.</summary>
public static class UserEndpoints
{
    public static IServiceCollection AddUsers(this IServiceCollection services) =>
        services.AddSingleton<SignInMethods>().AddSingleton<SettingsRules>();

    public static RouteGroupBuilder MapUsers(this RouteGroupBuilder caller)
    {
        caller.MapGet("/balance", (HttpContext http) => Balance(http.Caller().Account))
            .WithTags("Account").WithSummary("Token balance and plan");

        var user = caller.MapGroup("/user").WithTags("Account");
        user.MapGet("/balance", (HttpContext http) => UserBalance(http.Caller().Account))
            .WithSummary("Balance by pool").WithDescription("Plan tokens (reset every cycle) and bonus tokens (never expire); a charge takes plan tokens first.");
        user.MapGet("/me", Me)
            .WithSummary("The signed-in account").WithDescription("Limits of 0 mean unlimited. `token_limit` is the plan's allowance per cycle (Starter: the one-time sign-up grant).");
        user.MapSettings();
        user.MapHistory();
        return caller;
    }

    private static BalanceAnswer Balance(Account account) => new(account.Balance, account.Plan, account.PlanEndsAt);

    private static UserBalanceAnswer UserBalance(Account account) =>
        new(account.Plan, account.Balance, account.PlanTokens, account.BonusTokens, account.PlanEndsAt);

    private static async Task<MeAnswer> Me(HttpContext http, SignInMethods methods, ModelCatalog catalog, IOptions<BillingOptions> billing, CancellationToken ct)
    {
        var account = http.Caller().Account;
        var email = await methods.EmailAsync(account.Id, ct);
        var plan = catalog.PlanOrFree(account.Plan);
        var hasTelegram = account.TelegramUserId != 0;
        List<string> auth = [];
        if (hasTelegram)
        {
            auth.Add("telegram");
        }

        if (email is { Verified: true })
        {
            auth.Add("email");
        }

        return new MeAnswer(
            account.Id, account.FirstName ?? account.Username, email?.Address, hasTelegram ? account.TelegramUserId : null, hasTelegram ? account.Username : null,
            account.Plan, account.PlanEndsAt, account.Balance, plan.IsPaid ? plan.TokensPerCycle : billing.Value.SignupGrantTokens,
            plan.HourlyLimit ?? 0, plan.DailyLimit ?? 0, auth);
    }

    public sealed record BalanceAnswer(int TokenBalance, string Plan, DateTimeOffset? PlanExpiresAt);

    public sealed record UserBalanceAnswer(string Plan, int TokenBalance, int PlanTokensRemaining, int BonusTokens, DateTimeOffset? PlanExpiresAt);

    /// <param name="AuthMethods">How the account can sign in: <c>telegram</c>, <c>email</c> (a verified address).</param>
    public sealed record MeAnswer(
        long Id, string? Name, string? Email, long? TelegramId, string? TelegramUsername, string Plan, DateTimeOffset? PlanExpiresAt,
        int TokenBalance, int TokenLimit, int RateLimitHourly, int RateLimitDaily, IReadOnlyList<string> AuthMethods);
}
