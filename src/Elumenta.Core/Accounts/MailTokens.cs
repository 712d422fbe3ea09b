using System.Data.Common;
using Dapper;

namespace Elumenta.Core.Accounts;

/// <summary>The one-time tokens of verification and reset mails (<c>mail_tokens</c>), inside a caller's transaction.</summary>
internal static class MailTokens
{
    public const string VerifyEmail = "verify_email";
    public const string ResetPassword = "reset_password";

    public static async Task<string> IssueAsync(DbConnection c, DbTransaction t, long accountId, string purpose, long now, TimeSpan lifetime, CancellationToken ct)
    {
        var token = OneTimeTokens.Generate();
        await c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO mail_tokens (token_hash, account_id, purpose, created_at, expires_at)
            VALUES (@hash, @accountId, @purpose, @now, @expires)
            """,
            new { hash = OneTimeTokens.Hash(token), accountId, purpose, now, expires = now + (long)lifetime.TotalMilliseconds },
            t, cancellationToken: ct));
        return token;
    }

    /// <summary>Marks a valid token used and names its account; null when unknown, expired, used or for another purpose.</summary>
    public static Task<long?> ConsumeAsync(DbConnection c, DbTransaction t, string token, string purpose, long now, CancellationToken ct) =>
        c.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE mail_tokens SET used_at = @now
            WHERE token_hash = @hash AND purpose = @purpose AND used_at IS NULL AND expires_at > @now
            RETURNING account_id
            """,
            new { hash = OneTimeTokens.Hash(token), purpose, now }, t, cancellationToken: ct));

    /// <summary>Every other link of that purpose stops working (a new password makes older reset mails void).</summary>
    public static Task EndAllAsync(DbConnection c, DbTransaction t, long accountId, string purpose, long now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE mail_tokens SET used_at = @now WHERE account_id = @accountId AND purpose = @purpose AND used_at IS NULL",
            new { accountId, purpose, now }, t, cancellationToken: ct));
}
