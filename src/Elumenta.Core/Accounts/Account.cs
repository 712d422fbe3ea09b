namespace Elumenta.Core.Accounts;

/// <summary>An Elumenta account as stored; pools are the live balances the ledger proves.</summary>
public sealed class Account
{
    public long Id { get; init; }
    /// <summary>0 for an account that signed up by email and has not linked a Telegram identity.</summary>
    public long TelegramUserId { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }
    public string Language { get; init; } = "en";
    public bool LanguageOverridden { get; init; }
    public string Plan { get; init; } = "free";
    public long? PlanPeriodEnd { get; init; }
    public long? CycleId { get; init; }
    public int PlanTokens { get; init; }
    public int BonusTokens { get; init; }
    public string Settings { get; init; } = "{}";
    public bool NotificationsEnabled { get; init; }
    public bool BlockedByUser { get; init; }
    public bool Banned { get; init; }
    public string? StartPayload { get; init; }
    public long CreatedAt { get; init; }
    public long? LastSeenAt { get; init; }

    /// <summary>Web sessions carry it; moving it (password reset) ends them all at once.</summary>
    public int SessionVersion { get; init; }

    public int Balance => PlanTokens + BonusTokens;

    public DateTimeOffset? PlanEndsAt => PlanPeriodEnd is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    internal const string Columns =
        """
        id, telegram_user_id, username, first_name, language, language_overridden, plan, plan_period_end,
        cycle_id, plan_tokens, bonus_tokens, settings, notifications_enabled, blocked_by_user, banned,
        start_payload, created_at, last_seen_at, session_version
        """;
}

/// <summary>What the bot knows about the sender of an update.</summary>
public sealed record TelegramUserInfo(long TelegramUserId, string? Username, string? FirstName, string? LanguageCode);

public static class Languages
{
    public const string Russian = "ru";
    public const string English = "en";

    private static readonly HashSet<string> RussianSpeaking = new(StringComparer.OrdinalIgnoreCase) { "ru", "uk", "be", "kk" };

    /// <summary><c>ru</c> for ru/uk/be/kk (any region), <c>en</c> otherwise and when Telegram omits it.</summary>
    public static string FromTelegram(string? languageCode)
    {
        if (string.IsNullOrWhiteSpace(languageCode))
        {
            return English;
        }

        var primary = languageCode.Split('-', '_')[0];
        return RussianSpeaking.Contains(primary) ? Russian : English;
    }

    public static bool IsSupported(string? language) => language is Russian or English;
}
