using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Elumenta.Core.Accounts;
using Elumenta.Core.Storage;

namespace Elumenta.Core.ApiKeys;

/// <summary>
/// REST API keys shared by the bot (create, list, revoke) and the API (verify). A key is <c>nb_</c> + 45 random
/// URL-safe characters; the store keeps its SHA-256, so a leaked database does not leak usable keys.
/// </summary>
public sealed class ApiKeyStore(Store store, TimeProvider clock)
{
    public const string KeyPrefix = "nb_";
    public const int RandomLength = 45;
    public const int MaxActiveKeys = 10;
    public const int MaxNameLength = 64;

    private const int DisplayLength = 11;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    // Writing last_used_at on every API call would turn reads into writes; a minute is precise enough to show.
    private static readonly long LastUsedResolutionMs = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private static readonly string KeyColumnsOfK = Prefixed(ApiKey.Columns, "k.");
    private static readonly string AccountColumnsOfA = Prefixed(Account.Columns, "a.");

    public static string Generate() => KeyPrefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A new key named <paramref name="name"/>, or null when the account already has <see cref="MaxActiveKeys"/>.</summary>
    public Task<CreatedApiKey?> CreateAsync(long accountId, string name, CancellationToken ct = default)
    {
        name = ValidName(name);
        return store.WriteAsync((c, t) => CreateAsync(c, t, accountId, name, ct), ct);
    }

    /// <summary>The same inside a caller's transaction (a bot route records its idempotency key with the key).</summary>
    public async Task<CreatedApiKey?> CreateAsync(DbConnection connection, DbTransaction transaction, long accountId, string name, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        name = ValidName(name);
        var active = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM api_keys WHERE account_id = @accountId AND revoked_at IS NULL",
            new { accountId }, transaction, cancellationToken: ct));
        if (active >= MaxActiveKeys)
        {
            return null;
        }

        var secret = Generate();
        var key = await connection.QuerySingleAsync<ApiKey>(new CommandDefinition(
            $"""
            INSERT INTO api_keys (account_id, name, prefix, key_hash, created_at)
            VALUES (@accountId, @name, @prefix, @hash, @now)
            RETURNING {ApiKey.Columns}
            """,
            new { accountId, name, prefix = secret[..DisplayLength], hash = Hash(secret), now = clock.NowMs() },
            transaction, cancellationToken: ct));
        return new CreatedApiKey(key, secret);
    }

    private static string ValidName(string name)
    {
        name = name?.Trim() ?? "";
        return name.Length is 0 or > MaxNameLength
            ? throw new ArgumentException($"A key name has 1-{MaxNameLength} characters.", nameof(name))
            : name;
    }

    /// <summary>The account's active keys, oldest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(long accountId, CancellationToken ct = default) =>
        (await store.ReadAsync(c => c.QueryAsync<ApiKey>(new CommandDefinition(
            $"SELECT {ApiKey.Columns} FROM api_keys WHERE account_id = @accountId AND revoked_at IS NULL ORDER BY created_at, id",
            new { accountId }, cancellationToken: ct)), ct)).ToList();

    public Task<ApiKey?> FindAsync(long accountId, long keyId, CancellationToken ct = default) =>
        store.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition(
            $"SELECT {ApiKey.Columns} FROM api_keys WHERE id = @keyId AND account_id = @accountId",
            new { accountId, keyId }, cancellationToken: ct)), ct);

    /// <summary>The key renamed, or null when it is not the account's or was revoked.</summary>
    public Task<ApiKey?> RenameAsync(long accountId, long keyId, string name, CancellationToken ct = default)
    {
        name = ValidName(name);
        return store.WriteAsync((c, t) => c.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition(
            $"""
            UPDATE api_keys SET name = @name WHERE id = @keyId AND account_id = @accountId AND revoked_at IS NULL
            RETURNING {ApiKey.Columns}
            """,
            new { accountId, keyId, name }, t, cancellationToken: ct)), ct);
    }

    /// <summary>True when this call revoked the key; false when it is not the account's or was already revoked.</summary>
    public Task<bool> RevokeAsync(long accountId, long keyId, CancellationToken ct = default) =>
        store.WriteAsync((c, t) => RevokeAsync(c, t, accountId, keyId, ct), ct);

    public async Task<bool> RevokeAsync(DbConnection connection, DbTransaction transaction, long accountId, long keyId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET revoked_at = @now WHERE id = @keyId AND account_id = @accountId AND revoked_at IS NULL",
            new { accountId, keyId, now = clock.NowMs() }, transaction, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// The active key a request presented, or null. Plan checks (VIP and Elite only) are the caller's: a key
    /// outlives a downgrade and works again after an upgrade.
    /// </summary>
    public async Task<ApiKey?> VerifyAsync(string presented, CancellationToken ct = default)
    {
        if (!LooksLikeKey(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        var key = await store.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKey>(new CommandDefinition(
            $"SELECT {ApiKey.Columns} FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL",
            new { hash }, cancellationToken: ct)), ct);
        return key is null ? null : await TouchAsync(key, ct);
    }

    /// <summary>
    /// <see cref="VerifyAsync"/> and the key's account in one statement: the API needs both on every request, and
    /// each is read fresh from the store (a revocation or a ban by the other process counts at once).
    /// </summary>
    public async Task<VerifiedApiKey?> VerifyWithAccountAsync(string presented, CancellationToken ct = default)
    {
        if (!LooksLikeKey(presented))
        {
            return null;
        }

        var hash = Hash(presented);
        var found = (await store.ReadAsync(c => c.QueryAsync<ApiKey, Account, VerifiedApiKey>(new CommandDefinition(
            $"""
            SELECT {KeyColumnsOfK}, {AccountColumnsOfA}
            FROM api_keys k JOIN accounts a ON a.id = k.account_id
            WHERE k.key_hash = @hash AND k.revoked_at IS NULL
            """,
            new { hash }, cancellationToken: ct), (key, account) => new VerifiedApiKey(key, account), splitOn: "id"), ct)).SingleOrDefault();
        return found is null ? null : found with { Key = await TouchAsync(found.Key, ct) };
    }

    private static string Prefixed(string columns, string prefix) =>
        string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => prefix + c));

    private static bool LooksLikeKey(string presented) =>
        presented is not null && presented.Length == KeyPrefix.Length + RandomLength && presented.StartsWith(KeyPrefix, StringComparison.Ordinal);

    private async Task<ApiKey> TouchAsync(ApiKey key, CancellationToken ct)
    {
        var now = clock.NowMs();
        if (key.LastUsedAt is { } used && now - used < LastUsedResolutionMs)
        {
            return key;
        }

        await store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "UPDATE api_keys SET last_used_at = @now WHERE id = @Id", new { now, key.Id }, t, cancellationToken: ct)), ct);
        return key with { LastUsedAt = now };
    }
}
