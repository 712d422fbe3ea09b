using System.Data.Common;
using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Accounts;

public enum RefreshOutcome { Rotated, Unknown, Expired, Revoked, Reused }

/// <summary>What presenting a refresh token did: on <see cref="RefreshOutcome.Rotated"/>, the account and its successor.</summary>
public sealed record RefreshResult(RefreshOutcome Outcome, long AccountId = 0, string? Token = null);

/// <summary>
/// Web-session refresh tokens (<c>refresh_tokens</c>). A sign-in starts a family; every use replaces the token
/// with a new one of the same family. A token presented a second time has leaked (or raced), so the whole family
/// is revoked and its newest token fails too: the person has to sign in again.
/// </summary>
public sealed class SessionStore(Store store, TimeProvider clock)
{
    /// <summary>A new family for a sign-in; the account's long-expired tokens are cleared on the way.</summary>
    public Task<string> StartAsync(long accountId, TimeSpan lifetime, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM refresh_tokens WHERE account_id = @accountId AND expires_at < @now",
                new { accountId, now }, t, cancellationToken: ct));
            return await InsertAsync(c, t, accountId, OneTimeTokens.Generate(), now, lifetime, ct);
        }, ct);

    /// <summary>Uses <paramref name="presented"/> once: its successor lives <paramref name="lifetime"/> from now.</summary>
    public Task<RefreshResult> RotateAsync(string presented, TimeSpan lifetime, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            var hash = OneTimeTokens.Hash(presented);
            var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                "SELECT account_id, family, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @hash",
                new { hash }, t, cancellationToken: ct));
            if (row is null)
            {
                return new RefreshResult(RefreshOutcome.Unknown);
            }

            if (row.RevokedAt is not null)
            {
                return new RefreshResult(RefreshOutcome.Revoked);
            }

            if (row.UsedAt is not null)
            {
                await c.ExecuteAsync(new CommandDefinition(
                    "UPDATE refresh_tokens SET revoked_at = @now WHERE family = @Family AND revoked_at IS NULL",
                    new { now, row.Family }, t, cancellationToken: ct));
                return new RefreshResult(RefreshOutcome.Reused);
            }

            if (row.ExpiresAt <= now)
            {
                return new RefreshResult(RefreshOutcome.Expired);
            }

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @hash", new { now, hash }, t, cancellationToken: ct));
            var next = await InsertAsync(c, t, row.AccountId, row.Family, now, lifetime, ct);
            return new RefreshResult(RefreshOutcome.Rotated, row.AccountId, next);
        }, ct);

    /// <summary>Ends every session of the account in the caller's transaction: refresh tokens revoked, access tokens void (session version).</summary>
    public static async Task EndAllAsync(DbConnection c, DbTransaction t, long accountId, long now, CancellationToken ct)
    {
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE account_id = @accountId AND revoked_at IS NULL",
            new { accountId, now }, t, cancellationToken: ct));
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET session_version = session_version + 1 WHERE id = @accountId",
            new { accountId }, t, cancellationToken: ct));
    }

    private static async Task<string> InsertAsync(DbConnection c, DbTransaction t, long accountId, string family, long now, TimeSpan lifetime, CancellationToken ct)
    {
        var token = OneTimeTokens.Generate();
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO refresh_tokens (token_hash, account_id, family, created_at, expires_at)
            VALUES (@hash, @accountId, @family, @now, @expires)
            """,
            new { hash = OneTimeTokens.Hash(token), accountId, family, now, expires = now + (long)lifetime.TotalMilliseconds },
            t, cancellationToken: ct));
        return token;
    }

    private sealed record Row
    {
        public long AccountId { get; init; }
        public string Family { get; init; } = "";
        public long ExpiresAt { get; init; }
        public long? UsedAt { get; init; }
        public long? RevokedAt { get; init; }
    }
}
