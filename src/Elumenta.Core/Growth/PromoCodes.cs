using System.Data.Common;
using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Growth;

public enum PromoRedeem { Credited, Unknown, Expired, UsedUp, Ended, AlreadyUsed }

public enum PromoCreate { Created, Duplicate }

/// <summary>What one redemption did: the outcome and the tokens credited (zero unless <see cref="PromoRedeem.Credited"/>).</summary>
public sealed record PromoRedemption(PromoRedeem Outcome, int Tokens);

public sealed record PromoCode
{
    public string Code { get; init; } = "";
    public int Tokens { get; init; }
    public int MaxUses { get; init; }
    public int Uses { get; init; }
    public long ExpiresAt { get; init; }
    public long? EndedAt { get; init; }
}

/// <summary>
/// Promo codes: created, listed and ended by admins; redeemed once per account into the bonus pool (ledger kind
/// <c>promo</c>). Codes are upper-case in the store, so matching is case-insensitive.
/// </summary>
public sealed class PromoCodes(Store store)
{
    public const string PayloadPrefix = "promo-";
    public const int MinLength = 3;
    public const int MaxLength = 32;

    /// <summary>Letters A–Z, digits, '_' and '-' (a start link carries only those), 3–32 characters.</summary>
    public static bool IsValidCode(string code) =>
        code.Length is >= MinLength and <= MaxLength && code.All(ch => ch is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    public static async Task<PromoCreate> CreateAsync(DbConnection c, DbTransaction t, string code, int tokens, int maxUses, long expiresAt, long adminId, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO promo_codes (code, tokens, max_uses, expires_at, created_by, created_at)
            VALUES (@code, @tokens, @maxUses, @expiresAt, @adminId, @nowMs)
            ON CONFLICT DO NOTHING
            """, new { code = Normalize(code), tokens, maxUses, expiresAt, adminId, nowMs }, t, cancellationToken: ct));
        return inserted == 1 ? PromoCreate.Created : PromoCreate.Duplicate;
    }

    /// <summary>Ends a code now; false when there is no such code or it had ended already.</summary>
    public static async Task<bool> EndAsync(DbConnection c, DbTransaction t, string code, long nowMs, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE promo_codes SET ended_at = @nowMs WHERE code = @code AND ended_at IS NULL",
            new { code = Normalize(code), nowMs }, t, cancellationToken: ct)) == 1;

    public async Task<IReadOnlyList<PromoCode>> ListAsync(int count, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<PromoCode>(new CommandDefinition(
            """
            SELECT code AS Code, tokens AS Tokens, max_uses AS MaxUses, uses AS Uses, expires_at AS ExpiresAt, ended_at AS EndedAt
            FROM promo_codes ORDER BY created_at DESC, code LIMIT @count
            """, new { count }, cancellationToken: ct)), ct)).ToList();

    /// <summary>
    /// One redemption in the caller's transaction. The use is taken by one conditional update (<c>uses &lt; max_uses</c>),
    /// so concurrent redemptions of the last use credit exactly one; every refusal changes nothing.
    /// </summary>
    public static async Task<PromoRedemption> RedeemAsync(DbConnection c, DbTransaction t, long accountId, string code, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        var key = Normalize(code);
        var promo = await c.QuerySingleOrDefaultAsync<PromoCode>(new CommandDefinition(
            "SELECT code AS Code, tokens AS Tokens, max_uses AS MaxUses, uses AS Uses, expires_at AS ExpiresAt, ended_at AS EndedAt FROM promo_codes WHERE code = @key",
            new { key }, t, cancellationToken: ct));
        if (promo is null || !IsValidCode(key))
        {
            return new PromoRedemption(PromoRedeem.Unknown, 0);
        }

        var used = await c.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM promo_redemptions WHERE code = @key AND account_id = @accountId", new { key, accountId }, t, cancellationToken: ct));
        var refusal = used > 0 ? PromoRedeem.AlreadyUsed
            : promo.EndedAt is not null ? PromoRedeem.Ended
            : promo.ExpiresAt <= nowMs ? PromoRedeem.Expired
            : promo.Uses >= promo.MaxUses ? PromoRedeem.UsedUp
            : (PromoRedeem?)null;
        if (refusal is { } refused)
        {
            return new PromoRedemption(refused, 0);
        }

        var taken = await c.ExecuteAsync(new CommandDefinition(
            "UPDATE promo_codes SET uses = uses + 1 WHERE code = @key AND uses < max_uses AND ended_at IS NULL AND expires_at > @nowMs",
            new { key, nowMs }, t, cancellationToken: ct));
        if (taken != 1)
        {
            return new PromoRedemption(PromoRedeem.UsedUp, 0);
        }

        await c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO promo_redemptions (code, account_id, tokens, created_at) VALUES (@key, @accountId, @Tokens, @nowMs)",
            new { key, accountId, promo.Tokens, nowMs }, t, cancellationToken: ct));
        await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, promo.Tokens, LedgerKind.Promo) { Note = "promo " + key }, nowMs, ct);
        return new PromoRedemption(PromoRedeem.Credited, promo.Tokens);
    }

    public Task<PromoRedemption> RedeemAsync(long accountId, string code, long nowMs, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => RedeemAsync(c, t, accountId, code, nowMs, ct), ct);
}
