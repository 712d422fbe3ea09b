using System.Data.Common;
using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Growth;

/// <summary>A referral bonus to announce: who got it, how much, and why (the inviter's share or the referral's gift).</summary>
public sealed record ReferralNotice(long AccountId, string Role, long Tokens);

/// <summary>
/// The bonuses a referral's payment causes, written inside the payment's fulfilment transaction (so they exist
/// exactly when the payment does, once per charge id), and reversed inside its refund's.
/// </summary>
public sealed class ReferralRewards(Store store, IOptions<ReferralOptions> options, TimeProvider clock)
{
    public const string InviterRole = "inviter";
    public const string FirstPaymentRole = "first_payment";

    /// <summary>
    /// <paramref name="payerAccountId"/> paid <paramref name="tokens"/> tokens' worth (a package, a plan cycle, a renewal):
    /// their inviter gets the configured share (rounded down), and they get the first-payment gift once per account.
    /// </summary>
    public async Task OnPaymentAsync(DbConnection c, DbTransaction t, long payerAccountId, string chargeId, int tokens, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        var inviter = await c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT inviter_account_id FROM referrals WHERE referral_account_id = @payerAccountId", new { payerAccountId }, t, cancellationToken: ct));
        if (inviter is not { } inviterId)
        {
            return;
        }

        var share = (int)((long)tokens * options.Value.InviterPercent / 100);
        await CreditAsync(c, t, inviterId, InviterRole, share, chargeId, nowMs, ct);
        await CreditAsync(c, t, payerAccountId, FirstPaymentRole, options.Value.FirstPaymentBonus, chargeId, nowMs, ct);
    }

    /// <summary>
    /// Takes back what <paramref name="chargeId"/> caused, once: from the bonus pool, never below zero (what was
    /// already spent is noted on the entry). Returns the tokens taken.
    /// </summary>
    public async Task<int> OnRefundAsync(DbConnection c, DbTransaction t, string chargeId, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        var rewards = await c.QueryAsync<(long Id, long AccountId, int Tokens)>(new CommandDefinition(
            "SELECT id, account_id, tokens FROM referral_rewards WHERE charge_id = @chargeId AND reversed_at IS NULL ORDER BY id",
            new { chargeId }, t, cancellationToken: ct));
        var total = 0;
        foreach (var (id, accountId, tokens) in rewards)
        {
            var bonus = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT bonus_tokens FROM accounts WHERE id = @accountId", new { accountId }, t, cancellationToken: ct));
            var taken = (int)Math.Min(tokens, Math.Max(0, bonus));
            var note = taken < tokens ? $"{tokens - taken} of {tokens} referral tokens were already spent" : null;
            if (taken > 0 || note is not null)
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, -taken, LedgerKind.ReferralBonus) { PaymentChargeId = chargeId, Note = note }, nowMs, ct);
            }

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE referral_rewards SET reversed_at = @nowMs, reversed_tokens = @taken WHERE id = @id AND reversed_at IS NULL",
                new { id, nowMs, taken }, t, cancellationToken: ct));
            total += taken;
        }

        return total;
    }

    /// <summary>The bonuses <paramref name="chargeId"/> caused that nobody was told of yet, claimed so each is told at most once.</summary>
    public async Task<IReadOnlyList<ReferralNotice>> ClaimNoticesAsync(string chargeId, CancellationToken ct = default) =>
        (await store.WriteAsync((c, t) => c.QueryAsync<ReferralNotice>(new CommandDefinition(
            """
            UPDATE referral_rewards SET notified_at = @now WHERE charge_id = @chargeId AND notified_at IS NULL
            RETURNING account_id AS AccountId, role AS Role, tokens AS Tokens
            """, new { chargeId, now = clock.NowMs() }, t, cancellationToken: ct)), ct)).ToList();

    private static async Task CreditAsync(DbConnection c, DbTransaction t, long accountId, string role, int tokens, string chargeId, long nowMs, CancellationToken ct)
    {
        if (tokens <= 0)
        {
            return;
        }

        // The partial unique index keeps the first-payment gift to one per account, whatever payments race.
        var inserted = await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO referral_rewards (charge_id, account_id, role, tokens, created_at) VALUES (@chargeId, @accountId, @role, @tokens, @nowMs)
            ON CONFLICT DO NOTHING
            """, new { chargeId, accountId, role, tokens, nowMs }, t, cancellationToken: ct));
        if (inserted == 1)
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, tokens, LedgerKind.ReferralBonus) { PaymentChargeId = chargeId }, nowMs, ct);
        }
    }
}
