using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Growth;

/// <summary>What an inviter's link has brought: people who joined through it and the bonus tokens it earned (net of refunds).</summary>
public sealed record ReferralStats(long Joined, long TokensEarned);

/// <summary>
/// Referral links: one opaque random code per account, and the inviter a new account came through. The referral is
/// recorded only inside the transaction that creates the account (see <see cref="BindAsync"/>), so an existing
/// account, a second start or one's own link can never make one.
/// </summary>
public sealed class Referrals(Store store, TimeProvider clock)
{
    public const string PayloadPrefix = "ref-";
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int CodeLength = 10;

    /// <summary>The account's code, made on first ask and the same ever after.</summary>
    public Task<string> CodeAsync(long accountId, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            for (var attempt = 0; ; attempt++)
            {
                var inserted = await c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO referral_codes (account_id, code, created_at) VALUES (@accountId, @code, @now) ON CONFLICT DO NOTHING",
                    new { accountId, code = NewCode(), now = clock.NowMs() }, t, cancellationToken: ct));
                var code = await c.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
                    "SELECT code FROM referral_codes WHERE account_id = @accountId", new { accountId }, t, cancellationToken: ct));
                // Nothing inserted and no row of ours: the random code collided with someone else's; draw again.
                if (code is not null || inserted == 1 || attempt >= 5)
                {
                    return code ?? throw new InvalidOperationException("Could not draw a unique referral code.");
                }
            }
        }, ct);

    /// <summary>
    /// In the transaction that has just created <paramref name="newAccountId"/>: makes it the referral of the code's
    /// owner when <paramref name="startPayload"/> is <c>ref-&lt;code&gt;</c> of another account. True when it did.
    /// </summary>
    public static async Task<bool> BindAsync(DbConnection c, DbTransaction t, long newAccountId, string? startPayload, long nowMs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (startPayload is null || !startPayload.StartsWith(PayloadPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        return await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO referrals (referral_account_id, inviter_account_id, created_at)
            SELECT @newAccountId, account_id, @nowMs FROM referral_codes WHERE code = @code AND account_id <> @newAccountId
            ON CONFLICT DO NOTHING
            """, new { newAccountId, code = startPayload[PayloadPrefix.Length..], nowMs }, t, cancellationToken: ct)) == 1;
    }

    public Task<ReferralStats> StatsAsync(long accountId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleAsync<ReferralStats>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM referrals WHERE inviter_account_id = @accountId) AS Joined,
                   (SELECT CAST(COALESCE(SUM(tokens - COALESCE(reversed_tokens, 0)), 0) AS BIGINT) FROM referral_rewards
                    WHERE account_id = @accountId AND role = 'inviter') AS TokensEarned
            """, new { accountId }, cancellationToken: ct)), ct);

    /// <summary>The inviter to tell about <paramref name="referralAccountId"/> joining, claimed once (null when none or told already).</summary>
    public Task<long?> ClaimJoinNoticeAsync(long referralAccountId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            """
            UPDATE referrals SET notified_at = @now WHERE referral_account_id = @referralAccountId AND notified_at IS NULL
            RETURNING inviter_account_id
            """, new { referralAccountId, now = clock.NowMs() }, t, cancellationToken: ct)), ct);

    private static string NewCode() => string.Create(CodeLength, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
