using System.Net.Mail;

namespace Elumenta.Api.Auth;

/// <summary>What an email sign-up accepts; each check answers the message shown under its field (422 details).</summary>
public static class Credentials
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 256;
    public const int MaxEmailLength = 254;

    /// <summary>The address as stored (trimmed, lower-case), or null when it is not a plain address.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxEmailLength
            || !MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || address.DisplayName.Length > 0
            || !address.Host.Contains('.', StringComparison.Ordinal) || address.Host.StartsWith('.') || address.Host.EndsWith('.'))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "Required." : NormalizeEmail(email) is null ? "Not a valid email address." : null;

    public static string? PasswordProblem(string? password) => password switch
    {
        null or "" => "Required.",
        { Length: < MinPasswordLength } => $"Must be at least {MinPasswordLength} characters.",
        { Length: > MaxPasswordLength } => $"Must be at most {MaxPasswordLength} characters.",
        _ => null,
    };

    /// <summary>Optional: 3-32 letters, digits, <c>_</c>, <c>.</c> or <c>-</c>.</summary>
    public static string? UsernameProblem(string? username)
    {
        var name = username?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        return name.Length is < 3 or > 32 || !name.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '.' or '-')
            ? "3-32 letters, digits, '_', '.' or '-'."
            : null;
    }

    public static string? NormalizeUsername(string? username) => string.IsNullOrWhiteSpace(username) ? null : username.Trim();

    /// <summary>Field → problem for every field that has one (empty when all are fine).</summary>
    public static Dictionary<string, string> Problems(params (string Field, string? Problem)[] checks) =>
        checks.Where(c => c.Problem is not null).ToDictionary(c => c.Field, c => c.Problem!);
}
