using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Accounts;

public enum LinkOutcome
{
    /// <summary>The Telegram identity now belongs to the account (with the sign-up grant it never had).</summary>
    Linked,

    /// <summary>It already did: nothing changed.</summary>
    AlreadyLinked,

    /// <summary>That Telegram user has an account of their own (made by the bot or the widget).</summary>
    TelegramTaken,

    /// <summary>The account is linked to a different Telegram user.</summary>
    OtherTelegramLinked,

    NoSuchAccount,
}

/// <summary>
/// Gives an email account a Telegram identity (api.md §1), only if that Telegram user has no account yet: two
/// accounts are never merged. One transaction, so a bot update creating that user's account meanwhile either
/// comes first (and the link is refused) or finds the linked account.
/// </summary>
public sealed class TelegramLinks(Store store, TimeProvider clock, IOptions<BillingOptions> billing)
{
    public Task<LinkOutcome> LinkAsync(long accountId, TelegramUserInfo user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.WriteAsync(async (c, t) =>
        {
            var account = await AccountService.SelectByIdAsync(c, t, accountId, ct);
            if (account is null)
            {
                return LinkOutcome.NoSuchAccount;
            }

            var owner = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT id FROM accounts WHERE telegram_user_id = @TelegramUserId", new { user.TelegramUserId }, t, cancellationToken: ct));
            if (owner == accountId)
            {
                return LinkOutcome.AlreadyLinked;
            }

            if (owner is not null)
            {
                return LinkOutcome.TelegramTaken;
            }

            if (account.TelegramUserId != 0)
            {
                return LinkOutcome.OtherTelegramLinked;
            }

            var now = clock.NowMs();
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE accounts SET telegram_user_id = @TelegramUserId, username = @Username, first_name = @FirstName WHERE id = @accountId",
                new { accountId, user.TelegramUserId, user.Username, user.FirstName }, t, cancellationToken: ct));
            // The product grants 50 tokens once per Telegram user; this one never had an account, so never had it.
            var granted = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM ledger WHERE account_id = @accountId AND kind = 'signup_grant'", new { accountId }, t, cancellationToken: ct));
            if (granted == 0 && billing.Value.SignupGrantTokens > 0)
            {
                await Ledger.AppendAsync(c, t, new LedgerEntry(accountId, Pool.Bonus, billing.Value.SignupGrantTokens, LedgerKind.SignupGrant), now, ct);
            }

            return LinkOutcome.Linked;
        }, ct);
    }
}
