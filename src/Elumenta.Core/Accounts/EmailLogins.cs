using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Core.Accounts;

/// <summary>An email sign-in as stored: the address (lower-case) and a password hash, never the password.</summary>
public sealed record EmailLogin
{
    public long AccountId { get; init; }
    public string Email { get; init; } = "";
    public string PasswordHash { get; init; } = "";
    public long? VerifiedAt { get; init; }
    public string? Username { get; init; }

    internal const string Columns = "account_id, email, password_hash, verified_at, username";
}

public sealed record Registration(long AccountId, string VerifyToken);

public sealed record ResetMail(string Email, string Token);

/// <summary>
/// Email accounts (api.md §1): sign-up with a verification token, verification, and password reset. Hashing is
/// the caller's (it is slow and must not hold the write lock); every write here is one transaction.
/// </summary>
public sealed class EmailLogins(Store store, TimeProvider clock)
{
    public static readonly TimeSpan VerifyTokenLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>A new account on <c>free</c> with this login and a verification token; null when the address is taken.</summary>
    /// <remarks>No sign-up grant: the product gives it once per Telegram user, so it comes with the Telegram link.</remarks>
    public Task<Registration?> RegisterAsync(string email, string passwordHash, string? username, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            if (await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT account_id FROM email_logins WHERE email = @email", new { email }, t, cancellationToken: ct)) is not null)
            {
                return null;
            }

            var now = clock.NowMs();
            // The chosen name is the account's display name until a Telegram identity is linked.
            var id = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO accounts (first_name, created_at, last_seen_at) VALUES (@username, @now, @now) RETURNING id",
                new { username, now }, t, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO email_logins (account_id, email, password_hash, username, created_at)
                VALUES (@id, @email, @passwordHash, @username, @now)
                """,
                new { id, email, passwordHash, username, now }, t, cancellationToken: ct));
            var token = await MailTokens.IssueAsync(c, t, id, MailTokens.VerifyEmail, now, VerifyTokenLifetime, ct);
            return (Registration?)new Registration(id, token);
        }, ct);

    public Task<EmailLogin?> FindAsync(string email, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<EmailLogin>(new CommandDefinition(
            $"SELECT {EmailLogin.Columns} FROM email_logins WHERE email = @email", new { email }, cancellationToken: ct)), ct);

    public Task<EmailLogin?> FindByAccountAsync(long accountId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<EmailLogin>(new CommandDefinition(
            $"SELECT {EmailLogin.Columns} FROM email_logins WHERE account_id = @accountId", new { accountId }, cancellationToken: ct)), ct);

    /// <summary>The same password under a stronger hash (the hasher asked for it at sign-in).</summary>
    public Task ReplaceHashAsync(long accountId, string passwordHash, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE email_logins SET password_hash = @passwordHash WHERE account_id = @accountId",
            new { accountId, passwordHash }, t, cancellationToken: ct)), ct);

    /// <summary>True when the token was a valid verification token (now used) and the address is verified.</summary>
    public Task<bool> VerifyAsync(string token, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            if (await MailTokens.ConsumeAsync(c, t, token, MailTokens.VerifyEmail, now, ct) is not { } accountId)
            {
                return false;
            }

            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE email_logins SET verified_at = COALESCE(verified_at, @now) WHERE account_id = @accountId",
                new { accountId, now }, t, cancellationToken: ct));
            return true;
        }, ct);

    /// <summary>A reset token for the login with this address, or null when there is none.</summary>
    public Task<ResetMail?> IssueResetAsync(string email, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            var accountId = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT account_id FROM email_logins WHERE email = @email", new { email }, t, cancellationToken: ct));
            if (accountId is null)
            {
                return null;
            }

            var token = await MailTokens.IssueAsync(c, t, accountId.Value, MailTokens.ResetPassword, clock.NowMs(), ResetTokenLifetime, ct);
            return (ResetMail?)new ResetMail(email, token);
        }, ct);

    /// <summary>
    /// Sets the new password if the reset token is valid, and in the same transaction ends every session of the
    /// account and voids its other reset links. The mailbox was proven, so the address counts as verified.
    /// Returns the account, or null for an invalid, expired or used token.
    /// </summary>
    public Task<long?> ResetPasswordAsync(string token, string passwordHash, CancellationToken ct = default) =>
        store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            if (await MailTokens.ConsumeAsync(c, t, token, MailTokens.ResetPassword, now, ct) is not { } accountId)
            {
                return null;
            }

            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE email_logins SET password_hash = @passwordHash, verified_at = COALESCE(verified_at, @now)
                WHERE account_id = @accountId
                """,
                new { accountId, passwordHash, now }, t, cancellationToken: ct));
            await MailTokens.EndAllAsync(c, t, accountId, MailTokens.ResetPassword, now, ct);
            await SessionStore.EndAllAsync(c, t, accountId, now, ct);
            return (long?)accountId;
        }, ct);
}
