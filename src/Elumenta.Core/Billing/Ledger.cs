using Elumenta.Core.Storage;
using System.Data.Common;
using Dapper;

namespace Elumenta.Core.Billing;

public enum Pool { Plan, Bonus }

public enum LedgerKind
{
    SignupGrant, CycleGrant, CycleExpiry, PackagePurchase, Reserve, Release, Capture, Refund, AdminGrant, AdminRevoke, ReferralBonus, Promo,
}

/// <summary>One append-only change of one pool. Amount is signed; zero only for <c>capture</c> markers.</summary>
public sealed record LedgerEntry(long AccountId, Pool Pool, int Amount, LedgerKind Kind)
{
    public long? GenerationId { get; init; }
    public string? PaymentChargeId { get; init; }
    public long? AdminId { get; init; }
    public long? CycleId { get; init; }
    public string? Note { get; init; }
}

/// <summary>
/// The only writer of pools: every change is a ledger row, and the <c>ledger_moves_pool</c> trigger applies it
/// to the pool in the same statement, so a pool always equals the sum of its entries. The CHECK (&gt;= 0) on
/// the pools makes an overdraft abort the caller's operation rather than slip through.
/// </summary>
public static class Ledger
{
    public static string Name(this LedgerKind kind) => kind switch
    {
        LedgerKind.SignupGrant => "signup_grant",
        LedgerKind.CycleGrant => "cycle_grant",
        LedgerKind.CycleExpiry => "cycle_expiry",
        LedgerKind.PackagePurchase => "package_purchase",
        LedgerKind.Reserve => "reserve",
        LedgerKind.Release => "release",
        LedgerKind.Capture => "capture",
        LedgerKind.Refund => "refund",
        LedgerKind.AdminGrant => "admin_grant",
        LedgerKind.AdminRevoke => "admin_revoke",
        LedgerKind.ReferralBonus => "referral_bonus",
        LedgerKind.Promo => "promo",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Name(this Pool pool) => pool == Pool.Plan ? "plan" : "bonus";

    private const string InsertSql =
        """
        INSERT INTO ledger (account_id, pool, amount, kind, generation_id, payment_charge_id, admin_id, cycle_id, note, created_at)
        VALUES (@AccountId, @Pool, @Amount, @Kind, @GenerationId, @PaymentChargeId, @AdminId, @CycleId, @Note, @Now);
        """;

    /// <param name="accountLocked">The caller took the account's lock in this transaction already (one round trip less on PostgreSQL).</param>
    public static async Task AppendAsync(DbConnection c, DbTransaction t, LedgerEntry entry, long nowMs, CancellationToken ct, bool accountLocked = false)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(entry);
        // The lock and the insert as one command: one round trip on PostgreSQL, which runs them in order.
        await c.ExecuteAsync(new CommandDefinition(
            accountLocked ? InsertSql : Store.LockAccountSql(c) + InsertSql,
            new
            {
                entry.AccountId, Pool = entry.Pool.Name(), entry.Amount, Kind = entry.Kind.Name(), entry.GenerationId,
                entry.PaymentChargeId, entry.AdminId, entry.CycleId, entry.Note, Now = nowMs,
            },
            t, cancellationToken: ct));
    }

    /// <summary>Accounts whose pools differ from the sum of their ledger entries; empty when the books balance.</summary>
    public static async Task<IReadOnlyList<LedgerMismatch>> FindMismatchesAsync(DbConnection c, CancellationToken ct = default)
    {
        var rows = await c.QueryAsync<LedgerMismatch>(new CommandDefinition(
            """
            SELECT a.id AS AccountId,
                   a.plan_tokens AS PlanTokens,
                   CAST(COALESCE((SELECT SUM(amount) FROM ledger WHERE account_id = a.id AND pool = 'plan'), 0) AS BIGINT) AS PlanLedger,
                   a.bonus_tokens AS BonusTokens,
                   CAST(COALESCE((SELECT SUM(amount) FROM ledger WHERE account_id = a.id AND pool = 'bonus'), 0) AS BIGINT) AS BonusLedger
            FROM accounts a
            WHERE a.plan_tokens <> COALESCE((SELECT SUM(amount) FROM ledger WHERE account_id = a.id AND pool = 'plan'), 0)
               OR a.bonus_tokens <> COALESCE((SELECT SUM(amount) FROM ledger WHERE account_id = a.id AND pool = 'bonus'), 0)
               OR a.plan_tokens < 0 OR a.bonus_tokens < 0
            """, cancellationToken: ct));
        return rows.ToList();
    }
}

public sealed record LedgerMismatch
{
    public long AccountId { get; init; }
    public long PlanTokens { get; init; }
    public long PlanLedger { get; init; }
    public long BonusTokens { get; init; }
    public long BonusLedger { get; init; }
}
