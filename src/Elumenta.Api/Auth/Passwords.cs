using Elumenta.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Elumenta.Api.Auth;

/// <summary>ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100,000 iterations, salted).</summary>
public sealed class Passwords
{
    private static readonly EmailLogin Nobody = new();
    private readonly PasswordHasher<EmailLogin> _hasher = new();

    // Checked against when the address is unknown, so that answer takes as long as a wrong password.
    private readonly string _decoy;

    public Passwords() => _decoy = _hasher.HashPassword(Nobody, OneTimeTokens.Generate());

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <returns>Whether it matches, and whether the stored hash should be replaced by a stronger one.</returns>
    public (bool Matches, bool Rehash) Verify(string? storedHash, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, storedHash ?? _decoy, password);
        return storedHash is null
            ? (false, false)
            : (result is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded, result == PasswordVerificationResult.SuccessRehashNeeded);
    }
}
