using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Auth;

public enum WidgetProblem { None, Malformed, BadSignature, Expired }

public sealed record WidgetCheck(WidgetProblem Problem, TelegramUserInfo? User = null, Dictionary<string, string>? Fields = null);

/// <summary>
/// The Telegram Login Widget check as Telegram documents it (core.telegram.org/widgets/login#checking-authorization):
/// every received field except <c>hash</c>, sorted by key, as <c>key=value</c> lines joined by <c>\n</c>; the
/// HMAC-SHA256 of that with SHA-256(bot token) as the key must equal <c>hash</c>; <c>auth_date</c> at most 24 h old.
/// </summary>
public static class TelegramWidget
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);

    // A client clock a little ahead of ours is not a forgery; a date further ahead is.
    public static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(5);

    public static WidgetCheck Check(JsonElement body, string botToken, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(botToken);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Malformed("body", "Send the Telegram Login Widget object.");
        }

        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            // Numbers keep the digits they were sent with: the widget's id and auth_date may arrive either way.
            string? value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (value is null || !fields.TryAdd(property.Name, value))
            {
                return Malformed(property.Name, value is null ? "Must be a string or a number." : "Sent twice.");
            }
        }

        var missing = new[] { "id", "auth_date", "hash" }.Where(f => !fields.ContainsKey(f)).ToDictionary(f => f, _ => "Required.");
        if (missing.Count > 0)
        {
            return new WidgetCheck(WidgetProblem.Malformed, Fields: missing);
        }

        if (!long.TryParse(fields["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return Malformed("id", "Must be a positive integer.");
        }

        if (!long.TryParse(fields["auth_date"], NumberStyles.None, CultureInfo.InvariantCulture, out var authDate))
        {
            return Malformed("auth_date", "Must be Unix seconds.");
        }

        if (!SignatureMatches(fields, botToken))
        {
            return new WidgetCheck(WidgetProblem.BadSignature);
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(authDate, 0, 253_402_300_799));
        if (age > MaxAge || age < -FutureSkew)
        {
            return new WidgetCheck(WidgetProblem.Expired);
        }

        return new WidgetCheck(WidgetProblem.None, new TelegramUserInfo(id, fields.GetValueOrDefault("username"), fields.GetValueOrDefault("first_name"), null));
    }

    /// <summary>The data-check-string of these fields (what the widget's hash signs).</summary>
    private static string DataCheckString(SortedDictionary<string, string> fields) =>
        string.Join('\n', fields.Where(f => f.Key != "hash").Select(f => $"{f.Key}={f.Value}"));

    private static bool SignatureMatches(SortedDictionary<string, string> fields, string botToken)
    {
        Span<byte> presented = stackalloc byte[32];
        var hash = fields["hash"];
        if (hash.Length != 64 || Convert.FromHexString(hash, presented, out _, out var written) != OperationStatus.Done || written != 32)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(SHA256.HashData(Encoding.UTF8.GetBytes(botToken)), Encoding.UTF8.GetBytes(DataCheckString(fields)));
        return CryptographicOperations.FixedTimeEquals(expected, presented);
    }

    private static WidgetCheck Malformed(string field, string problem) =>
        new(WidgetProblem.Malformed, Fields: new Dictionary<string, string> { [field] = problem });
}
