using Elumenta.Core.Accounts;

namespace Elumenta.Core.ApiKeys;

/// <summary>A REST API key as stored: never the key itself, only its hash and a displayable prefix.</summary>
public sealed record ApiKey
{
    public long Id { get; init; }
    public long AccountId { get; init; }
    public string Name { get; init; } = "";

    /// <summary>The first characters of the key (<c>nb_AbCd1234</c>), enough for a user to tell keys apart.</summary>
    public string Prefix { get; init; } = "";
    public long CreatedAt { get; init; }
    public long? LastUsedAt { get; init; }
    public long? RevokedAt { get; init; }

    public bool IsActive => RevokedAt is null;

    internal const string Columns = "id, account_id, name, prefix, created_at, last_used_at, revoked_at";
}

/// <summary>A key just created: <see cref="Secret"/> exists only in this object and is shown to the user once.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>An active key as a request presented it, with its account as read in the same statement.</summary>
public sealed record VerifiedApiKey(ApiKey Key, Account Account);
