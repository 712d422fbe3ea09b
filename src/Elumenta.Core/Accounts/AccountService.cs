using System.Data.Common;
using Dapper;
using Elumenta.Core.Billing;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Accounts;

public sealed record AccountSession(Account Account, bool Created);

public sealed class AccountService(Store store, TimeProvider clock, IOptions<BillingOptions> billing)
{
    // Only where this process hears of its own writes (SQLite's update hook); on PostgreSQL each update reads the row.
    private readonly AccountCache? _recent = store.ReportsRowChanges ? new(store.Changes, clock) : null;

    /// <summary>
    /// The account of a Telegram user, created on first contact with the one-time sign-up grant.
    /// Concurrent first updates meet in one BEGIN IMMEDIATE transaction; the unique Telegram id and the
    /// unique sign-up ledger index make a second account or a second grant impossible.
    /// </summary>
    public async Task<AccountSession> GetOrCreateAsync(TelegramUserInfo user, string? startPayload = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (_recent?.Find(user.TelegramUserId) is { } cached && IsCurrent(cached, user))
        {
            return new AccountSession(cached, false);
        }

        var generation = _recent?.Generation ?? 0;
        var existing = await FindByTelegramIdAsync(user.TelegramUserId, ct);
        if (existing is not null && IsCurrent(existing, user))
        {
            _recent?.Put(existing, generation);
            return new AccountSession(existing, false);
        }

        // Row locks, not serializable: a burst of new users (consecutive Telegram ids, one index page) made SSI abort
        // most of the concurrent creations, and a few ran out of retries. The unique id decides a race instead.
        return await store.WriteAsync(async (c, t) =>
        {
            var now = clock.NowMs();
            var account = await SelectByTelegramIdAsync(c, t, user.TelegramUserId, ct);
            if (account is null)
            {
                var id = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                    """
                    INSERT INTO accounts (telegram_user_id, username, first_name, language, start_payload, created_at, last_seen_at)
                    VALUES (@TelegramUserId, @Username, @FirstName, @Language, @StartPayload, @Now, @Now)
                    ON CONFLICT (telegram_user_id) DO NOTHING
                    RETURNING id
                    """,
                    new { user.TelegramUserId, user.Username, user.FirstName, Language = Languages.FromTelegram(user.LanguageCode), StartPayload = startPayload, Now = now },
                    t, cancellationToken: ct));
                if (id is { } created)
                {
                    return await CreatedAsync(c, t, created, startPayload, now, ct);
                }

                // Another process created it since the read (its insert committed first): it is an existing account.
                account = await SelectByTelegramIdAsync(c, t, user.TelegramUserId, ct)
                    ?? throw new InvalidOperationException($"Telegram user {user.TelegramUserId} conflicted but has no account.");
            }

            await c.ExecuteAsync(new CommandDefinition(
                """
                UPDATE accounts
                SET username = @Username, first_name = @FirstName, last_seen_at = @Now, blocked_by_user = 0,
                    language = CASE WHEN language_overridden = 1 THEN language ELSE @Language END
                WHERE id = @Id
                """,
                new { account.Id, user.Username, user.FirstName, Now = now, Language = Languages.FromTelegram(user.LanguageCode) },
                t, cancellationToken: ct));
            return new AccountSession((await SelectByIdAsync(c, t, account.Id, ct))!, false);
        }, WriteIsolation.RowLocks, ct);
    }

    private async Task<AccountSession> CreatedAsync(DbConnection c, DbTransaction t, long id, string? startPayload, long now, CancellationToken ct)
    {
        var grant = billing.Value.SignupGrantTokens;
        if (grant > 0)
        {
            await Ledger.AppendAsync(c, t, new LedgerEntry(id, Pool.Bonus, grant, LedgerKind.SignupGrant), now, ct);
        }

        // Only the update that creates the account can make it someone's referral.
        await Growth.Referrals.BindAsync(c, t, id, startPayload, now, ct);
        return new AccountSession((await SelectByIdAsync(c, t, id, ct))!, true);
    }

    public Task<Account?> FindAsync(long accountId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Account.Columns} FROM accounts WHERE id = @accountId", new { accountId }, cancellationToken: ct)), ct);

    public Task<Account?> FindByTelegramIdAsync(long telegramUserId, CancellationToken ct = default) =>
        store.ReadAsync(c => SelectByTelegramIdAsync(c, null, telegramUserId, ct), ct);

    public Task<Account?> FindByUsernameAsync(string username, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QueryFirstOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Account.Columns} FROM accounts WHERE {store.Sql.EqualsIgnoreCase("username", "@username")} ORDER BY id LIMIT 1",
            new { username = username.TrimStart('@') }, cancellationToken: ct)), ct);

    /// <summary><c>/lang</c>: the user's choice wins over Telegram's language from now on.</summary>
    public Task SetLanguageAsync(long accountId, string language, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => SetLanguageAsync(c, t, accountId, language, ct), ct);

    public Task SetNotificationsAsync(long accountId, bool enabled, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => SetNotificationsAsync(c, t, accountId, enabled, ct), ct);

    public Task SaveSettingsAsync(long accountId, string settingsJson, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => SaveSettingsAsync(c, t, accountId, settingsJson, ct), ct);

    // The same writes inside a caller's transaction, for a bot route that records its idempotency key with them.
    public Task SetLanguageAsync(DbConnection connection, DbTransaction transaction, long accountId, string language, CancellationToken ct = default)
    {
        if (!Languages.IsSupported(language))
        {
            throw new ArgumentOutOfRangeException(nameof(language), language, "Only 'ru' and 'en' are supported.");
        }

        return Execute(connection, transaction, "UPDATE accounts SET language = @language, language_overridden = 1 WHERE id = @accountId", new { accountId, language }, ct);
    }

    public Task SetNotificationsAsync(DbConnection connection, DbTransaction transaction, long accountId, bool enabled, CancellationToken ct = default) =>
        Execute(connection, transaction, "UPDATE accounts SET notifications_enabled = @enabled WHERE id = @accountId", new { accountId, enabled = enabled ? 1 : 0 }, ct);

    public Task SaveSettingsAsync(DbConnection connection, DbTransaction transaction, long accountId, string settingsJson, CancellationToken ct = default) =>
        Execute(connection, transaction, "UPDATE accounts SET settings = @settingsJson WHERE id = @accountId", new { accountId, settingsJson }, ct);

    /// <summary>
    /// Writes what a change made to the settings and nothing else: the top-level keys that differ between
    /// <paramref name="baseJson"/> (what the change started from) and <paramref name="changedJson"/>. A preference the
    /// API (or another update) set meanwhile survives a bot screen that was drawn before it.
    /// </summary>
    public Task ChangeSettingsAsync(long accountId, string baseJson, string changedJson, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => ChangeSettingsAsync(c, t, accountId, baseJson, changedJson, ct), ct);

    public async Task ChangeSettingsAsync(DbConnection connection, DbTransaction transaction, long accountId, string baseJson, string changedJson, CancellationToken ct = default)
    {
        var before = ParseObject(baseJson);
        var after = ParseObject(changedJson);
        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)).ToList())
        {
            var value = after[key];
            if (!after.ContainsKey(key))
            {
                await Execute(connection, transaction,
                    $"UPDATE accounts SET settings = {store.Sql.JsonRemoveKey("settings", "@key")} WHERE id = @accountId",
                    new { accountId, key = PlainKey(key) }, ct);
            }
            else if (!System.Text.Json.Nodes.JsonNode.DeepEquals(before[key], value))
            {
                await Execute(connection, transaction,
                    $"UPDATE accounts SET settings = {store.Sql.JsonSetKey("settings", "@key", "@value")} WHERE id = @accountId",
                    new { accountId, key = PlainKey(key), value = value?.ToJsonString() ?? "null" }, ct);
            }
        }
    }

    private static System.Text.Json.Nodes.JsonObject ParseObject(string? json)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json) as System.Text.Json.Nodes.JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static string PlainKey(string key) => key.Replace("\"", "", StringComparison.Ordinal);

    /// <summary>
    /// Sets top-level keys of the settings JSON in place (a null value removes the key), leaving every other key as
    /// it is: the API changes two of the bot's preferences without reading and rewriting the rest.
    /// </summary>
    public async Task SetSettingKeysAsync(DbConnection connection, DbTransaction transaction, long accountId, IReadOnlyDictionary<string, string?> values, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            if (key.Length == 0 || !key.All(ch => ch is (>= 'a' and <= 'z') or '_'))
            {
                throw new ArgumentException($"'{key}' is not a settings key.", nameof(values));
            }

            var sql = value is null
                ? $"UPDATE accounts SET settings = {store.Sql.JsonRemoveKey("settings", "@key")} WHERE id = @accountId"
                : $"UPDATE accounts SET settings = {store.Sql.JsonSetKey("settings", "@key", "@value")} WHERE id = @accountId";
            await Execute(connection, transaction, sql, new { accountId, key, value = value is null ? null : System.Text.Json.JsonSerializer.Serialize(value) }, ct);
        }
    }

    /// <summary>403 "blocked by the user" or a <c>my_chat_member</c> kick: stop sending until they write again.</summary>
    public Task MarkUnreachableAsync(long telegramUserId, CancellationToken ct = default) =>
        Execute("UPDATE accounts SET blocked_by_user = 1 WHERE telegram_user_id = @telegramUserId", new { telegramUserId }, ct);

    public Task MarkReachableAsync(long telegramUserId, CancellationToken ct = default) =>
        Execute("UPDATE accounts SET blocked_by_user = 0 WHERE telegram_user_id = @telegramUserId", new { telegramUserId }, ct);

    public Task SetBannedAsync(long accountId, bool banned, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => SetBannedAsync(c, t, accountId, banned, ct), ct);

    /// <summary>In the caller's transaction (an admin command records its idempotency key with the change).</summary>
    public static Task SetBannedAsync(DbConnection c, DbTransaction t, long accountId, bool banned, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("UPDATE accounts SET banned = @banned WHERE id = @accountId", new { accountId, banned = banned ? 1 : 0 }, t, cancellationToken: ct));

    private static bool IsCurrent(Account account, TelegramUserInfo user) =>
        !account.BlockedByUser
        && account.Username == user.Username
        && account.FirstName == user.FirstName
        && (account.LanguageOverridden || account.Language == Languages.FromTelegram(user.LanguageCode));

    private Task Execute(string sql, object args, CancellationToken ct) =>
        store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(sql, args, t, cancellationToken: ct)), ct);

    private static Task<int> Execute(DbConnection c, DbTransaction t, string sql, object args, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(sql, args, t, cancellationToken: ct));

    private static Task<Account?> SelectByTelegramIdAsync(DbConnection c, DbTransaction? t, long telegramUserId, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Account.Columns} FROM accounts WHERE telegram_user_id = @telegramUserId", new { telegramUserId }, t, cancellationToken: ct));

    /// <param name="lockRow">Also take the account's row lock (<see cref="Store.LockAccountAsync"/>) in the same round trip.</param>
    internal static Task<Account?> SelectByIdAsync(DbConnection c, DbTransaction? t, long accountId, CancellationToken ct, bool lockRow = false) =>
        c.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            lockRow ? $"SELECT {Account.Columns} FROM accounts WHERE id = @accountId{Store.LockingRead(c)}" : $"SELECT {Account.Columns} FROM accounts WHERE id = @accountId",
            new { accountId }, t, cancellationToken: ct));
}
