using System.Data.Common;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Billing;

/// <summary>How a new cycle comes about: a payment, a renewal, or an admin's <c>/setplan</c>.</summary>
/// <summary>What a package refund took back now, and the note for support when it could not take it all.</summary>
public sealed record PackageReversal(int Taken, string? Note);

public sealed record CycleStart(string Plan)
{
    public string? PaymentChargeId { get; init; }

    /// <summary>The first charge of the Star subscription that renews this plan; null for one-off cycles.</summary>
    public string? SubscriptionChargeId { get; init; }

    /// <summary>Overrides the plan's cycle length (admin grants).</summary>
    public int? Days { get; init; }
}

/// <param name="CancelSubscriptionChargeId">A subscription of the replaced plan that must be told not to renew.</param>
public sealed record CycleStarted(long CycleId, string Plan, DateTimeOffset EndsAt, string? PreviousPlan, string? CancelSubscriptionChargeId);

/// <summary>Plan cycles and the pool changes that are not generations: grants, expiries, packages, admin changes.</summary>
public sealed class BillingService(Store store, ModelCatalog catalog, TimeProvider clock, IOptions<BillingOptions> options, ILogger<BillingService> logger)
{
    public Task<CycleStarted> StartCycleAsync(long accountId, CycleStart start, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => StartCycleAsync(c, t, accountId, start, clock.NowMs(), ct), ct);

    /// <summary>
    /// Sets the plan pool to the allowance: what was left is expired, the allowance granted, in the caller's
    /// transaction so that a payment and its cycle commit together.
    /// </summary>
    public async Task<CycleStarted> StartCycleAsync(DbConnection c, DbTransaction t, long accountId, CycleStart start, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(start);
        var plan = catalog.FindPlan(start.Plan) is { IsPaid: true } p ? p : throw new ArgumentException($"'{start.Plan}' is not a paid plan.", nameof(start));
        var account = await AccountService.SelectByIdAsync(c, t, accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var previous = await CurrentCycleAsync(c, t, account, ct);
        if (previous is not null)
        {
            var reason = previous.Plan == plan.Code && previous.SubscriptionChargeId == start.SubscriptionChargeId ? "renewed" : "replaced";
            await EndCycleRowAsync(c, t, previous.Id, reason, nowMs, ct);
        }

        await ExpirePlanPoolAsync(c, t, account, nowMs, ct);
        var endsAt = nowMs + (long)TimeSpan.FromDays(start.Days ?? plan.CycleDays).TotalMilliseconds;
        var cycleId = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO plan_cycles (account_id, plan, allowance, starts_at, ends_at, payment_charge_id, subscription_charge_id, renews)
            VALUES (@accountId, @Code, @TokensPerCycle, @nowMs, @endsAt, @PaymentChargeId, @SubscriptionChargeId, @renews)
            RETURNING id
            """,
            new { accountId, plan.Code, plan.TokensPerCycle, nowMs, endsAt, start.PaymentChargeId, start.SubscriptionChargeId, renews = start.SubscriptionChargeId is not null ? 1 : 0 },
            t, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET plan = @Code, plan_period_end = @endsAt, cycle_id = @cycleId WHERE id = @accountId",
            new { plan.Code, endsAt, cycleId, accountId }, t, cancellationToken: ct));
        if (plan.TokensPerCycle > 0)
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Plan, plan.TokensPerCycle, LedgerKind.CycleGrant) { CycleId = cycleId, PaymentChargeId = start.PaymentChargeId }, nowMs, ct);
        }

        var cancel = previous is { Renews: true, SubscriptionChargeId: { } old } && old != start.SubscriptionChargeId ? old : null;
        return new CycleStarted(cycleId, plan.Code, UnixTime.FromMs(endsAt), previous?.Plan, cancel);
    }

    /// <summary>Ends the current plan now: back to free, plan pool expired, bonus untouched. False when already free.</summary>
    public Task<bool> EndPlanAsync(DbConnection c, DbTransaction t, long accountId, string reason, long nowMs, CancellationToken ct) =>
        EndPlanCoreAsync(c, t, accountId, reason, nowMs, ct);

    /// <summary>
    /// Inside the caller's transaction: ends the account's plan if it is past its end (renewing plans after
    /// <paramref name="graceMs"/> for the renewal payment), exactly as the cycle job would. Admission calls it, so
    /// an expired plan admits nothing whether or not the cycle job has run. True when the plan ended.
    /// </summary>
    public static async Task<bool> ExpireIfDueAsync(DbConnection c, DbTransaction t, long accountId, long nowMs, long graceMs, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(DueSql + " AND a.id = @accountId", new { now = nowMs, grace = graceMs, accountId }, t, cancellationToken: ct)) != 0
        && await EndPlanCoreAsync(c, t, accountId, "expired", nowMs, ct);

    private const string DueSql =
        """
        SELECT a.id FROM accounts a LEFT JOIN plan_cycles pc ON pc.id = a.cycle_id
        WHERE a.plan <> 'free' AND a.plan_period_end IS NOT NULL
          AND a.plan_period_end + CASE WHEN COALESCE(pc.renews, 0) = 1 THEN @grace ELSE 0 END <= @now
        """;

    private static async Task<bool> EndPlanCoreAsync(DbConnection c, DbTransaction t, long accountId, string reason, long nowMs, CancellationToken ct)
    {
        var account = await AccountService.SelectByIdAsync(c, t, accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        if (account.Plan == Plan.Free && account.PlanTokens == 0 && account.CycleId is null)
        {
            return false;
        }

        if (account.CycleId is { } cycleId)
        {
            await EndCycleRowAsync(c, t, cycleId, reason, nowMs, ct);
        }

        await ExpirePlanPoolAsync(c, t, account, nowMs, ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET plan = 'free', plan_period_end = NULL, cycle_id = NULL WHERE id = @accountId",
            new { accountId }, t, cancellationToken: ct));
        return true;
    }

    /// <summary>Plans past their end (renewing ones after a grace for the renewal payment) fall back to free.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct = default)
    {
        var now = clock.NowMs();
        var grace = (long)TimeSpan.FromMinutes(options.Value.RenewalGraceMinutes).TotalMilliseconds;
        var due = await store.ReadAsync(c => c.QueryAsync<long>(new CommandDefinition(DueSql, new { now, grace }, cancellationToken: ct)), ct);
        var expired = 0;
        foreach (var accountId in due)
        {
            // Re-checked inside the write: a renewal may have landed since the read.
            var ended = await store.WriteAsync((c, t) => ExpireIfDueAsync(c, t, accountId, now, grace, ct), ct);
            if (ended)
            {
                expired++;
                logger.LogInformation("Plan of account {AccountId} expired", accountId);
            }
        }

        return expired;
    }

    public Task CreditPackageAsync(DbConnection c, DbTransaction t, long accountId, int tokens, string chargeId, long nowMs, CancellationToken ct) =>
        Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, tokens, LedgerKind.PackagePurchase) { PaymentChargeId = chargeId }, nowMs, ct);

    /// <summary>
    /// Takes a refunded package's tokens back from the bonus pool; what pending requests hold of the bonus pool is
    /// owed as a debt that their releases pay first (a request that completes spent its tokens). Returns what was
    /// taken now and the note for support (what was owed or already spent).
    /// </summary>
    public async Task<PackageReversal> ReversePackageAsync(DbConnection c, DbTransaction t, long accountId, int tokens, string chargeId, long nowMs, CancellationToken ct)
    {
        var account = await AccountService.SelectByIdAsync(c, t, accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var taken = Math.Min(tokens, account.BonusTokens);
        // Pending reservations not already promised to an earlier refund's debt.
        var held = await c.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT COALESCE((SELECT SUM(reserved_bonus) FROM generations WHERE account_id = @accountId AND status = 'pending'), 0)
                 - COALESCE((SELECT SUM(d.remaining) FROM refund_debts d WHERE d.account_id = @accountId AND d.remaining > 0
                             AND EXISTS (SELECT 1 FROM generations g WHERE g.account_id = d.account_id AND g.status = 'pending' AND g.id <= d.last_generation_id)), 0)
            """, new { accountId }, t, cancellationToken: ct));
        var owed = Math.Clamp(Math.Min(tokens - taken, held), 0, tokens);
        if (owed > 0)
        {
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO refund_debts (account_id, charge_id, remaining, last_generation_id, created_at)
                VALUES (@accountId, @chargeId, @owed, (SELECT COALESCE(MAX(id), 0) FROM generations WHERE account_id = @accountId), @nowMs)
                """,
                new { accountId, chargeId, owed, nowMs }, t, cancellationToken: ct));
        }

        var spent = tokens - taken - owed;
        string?[] parts = [spent > 0 ? $"{spent} of {tokens} tokens were already spent" : null, owed > 0 ? $"{owed} are taken when pending requests are released" : null];
        var note = parts.Any(p => p is not null) ? string.Join("; ", parts.OfType<string>()) : null;
        await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, -taken, LedgerKind.Refund) { PaymentChargeId = chargeId, Note = note }, nowMs, ct);
        return new PackageReversal(taken, note);
    }

    /// <summary>
    /// After a release put <paramref name="released"/> bonus tokens back: debts of refunds made while this request was
    /// pending are paid from them first, oldest first.
    /// </summary>
    public static async Task PayRefundDebtsAsync(DbConnection c, DbTransaction t, long accountId, long generationId, int released, long nowMs, CancellationToken ct)
    {
        var debts = await c.QueryAsync<(long Id, string ChargeId, int Remaining)>(new CommandDefinition(
            "SELECT id, charge_id, remaining FROM refund_debts WHERE account_id = @accountId AND remaining > 0 AND last_generation_id >= @generationId ORDER BY id",
            new { accountId, generationId }, t, cancellationToken: ct));
        foreach (var (id, chargeId, remaining) in debts)
        {
            var pay = Math.Min(remaining, released);
            if (pay <= 0)
            {
                return;
            }

            await c.ExecuteAsync(new CommandDefinition("UPDATE refund_debts SET remaining = remaining - @pay WHERE id = @id", new { pay, id }, t, cancellationToken: ct));
            await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, -pay, LedgerKind.Refund)
            {
                GenerationId = generationId, PaymentChargeId = chargeId, Note = "paid from a released request",
            }, nowMs, ct);
            released -= pay;
        }
    }

    public Task<int> AdminGrantAsync(long accountId, int tokens, long adminId, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        return store.WriteAsync((c, t) => AdminGrantAsync(c, t, accountId, tokens, adminId, ct), ct);
    }

    /// <summary>In the caller's transaction (an admin command records its idempotency key with the grant); returns the bonus pool after.</summary>
    public async Task<int> AdminGrantAsync(DbConnection c, DbTransaction t, long accountId, int tokens, long adminId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, tokens, LedgerKind.AdminGrant) { AdminId = adminId }, clock.NowMs(), ct);
        return (await AccountService.SelectByIdAsync(c, t, accountId, ct))!.BonusTokens;
    }

    /// <summary>Removes up to <paramref name="tokens"/>, bonus pool first, never below zero; returns what was removed.</summary>
    public Task<int> AdminRevokeAsync(long accountId, int tokens, long adminId, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tokens);
        return store.WriteAsync(async (c, t) =>
        {
            var account = await AccountService.SelectByIdAsync(c, t, accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
            var fromBonus = Math.Min(tokens, account.BonusTokens);
            var fromPlan = Math.Min(tokens - fromBonus, account.PlanTokens);
            var now = clock.NowMs();
            if (fromBonus > 0)
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, -fromBonus, LedgerKind.AdminRevoke) { AdminId = adminId }, now, ct);
            }

            if (fromPlan > 0)
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Plan, -fromPlan, LedgerKind.AdminRevoke) { AdminId = adminId, CycleId = account.CycleId }, now, ct);
            }

            return fromBonus + fromPlan;
        }, ct);
    }

    public Task<PlanCycle?> GetCurrentCycleAsync(long accountId, CancellationToken ct = default) =>
        store.ReadAsync(async c => await AccountService.SelectByIdAsync(c, null, accountId, ct) is { } a ? await CurrentCycleAsync(c, null, a, ct) : null, ct);

    private static Task<PlanCycle?> CurrentCycleAsync(DbConnection c, DbTransaction? t, Account account, CancellationToken ct) =>
        account.CycleId is null
            ? Task.FromResult<PlanCycle?>(null)
            : c.QuerySingleOrDefaultAsync<PlanCycle>(new CommandDefinition(
                $"SELECT {PlanCycle.Columns} FROM plan_cycles WHERE id = @CycleId", new { account.CycleId }, t, cancellationToken: ct));

    private static Task EndCycleRowAsync(DbConnection c, DbTransaction t, long cycleId, string reason, long nowMs, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE plan_cycles SET ended_at = @nowMs, end_reason = @reason WHERE id = @cycleId AND ended_at IS NULL",
            new { cycleId, reason, nowMs }, t, cancellationToken: ct));

    private static async Task ExpirePlanPoolAsync(DbConnection c, DbTransaction t, Account account, long nowMs, CancellationToken ct)
    {
        if (account.PlanTokens > 0)
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(account.Id, Pool.Plan, -account.PlanTokens, LedgerKind.CycleExpiry) { CycleId = account.CycleId }, nowMs, ct);
        }
    }
}
