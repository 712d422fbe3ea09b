using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Users;

public sealed record EmailLogin(string Address, bool Verified);

/// <summary>The email sign-in of an account (table <c>email_logins</c>, migration 0013), if it has one.</summary>
public sealed class SignInMethods(Store store)
{
    public async Task<EmailLogin?> EmailAsync(long accountId, CancellationToken ct)
    {
        var row = await store.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT email AS Email, verified_at AS VerifiedAt FROM email_logins WHERE account_id = @accountId",
            new { accountId }, cancellationToken: ct)), ct);
        return row is null ? null : new EmailLogin(row.Email, row.VerifiedAt is not null);
    }

    private sealed class Row
    {
        public string Email { get; init; } = "";
        public long? VerifiedAt { get; init; }
    }
}
