using System.Net.Sockets;
using Telegram.Bot.Exceptions;

namespace ElumentaBot.Transport;

/// <summary>
/// How the bot reads a failed Bot API call. Telegram.Bot raises <see cref="ApiRequestException"/> for an error
/// envelope and <see cref="RequestException"/> for transport problems (network, timeout, a proxy's HTML page).
/// </summary>
public static class BotErrors
{
    public static bool IsUnauthorized(this Exception ex) => Code(ex) == 401;

    public static bool IsConflict(this Exception ex) => Code(ex) == 409;

    public static bool IsTooManyRequests(this Exception ex) => Code(ex) == 429;

    public static int? RetryAfter(this Exception ex) => (ex as ApiRequestException)?.Parameters?.RetryAfter;

    public static long? MigrateToChatId(this Exception ex) => (ex as ApiRequestException)?.Parameters?.MigrateToChatId;

    public static bool IsMessageNotModified(this Exception ex) => Has(ex, 400, "message is not modified");

    public static bool IsQueryTooOld(this Exception ex) => Has(ex, 400, "query is too old");

    public static bool IsBlocked(this Exception ex) => Has(ex, 403, "bot was blocked by the user");

    public static bool IsParseError(this Exception ex) => Has(ex, 400, "can't parse entities");

    public static bool IsMessageTooLong(this Exception ex) => Has(ex, 400, "message is too long");

    public static bool IsChatNotFound(this Exception ex) => Has(ex, 400, "chat not found");

    /// <summary>A 400 from Telegram: the request itself is wrong (retrying it unchanged cannot help).</summary>
    public static bool IsBadRequest(this Exception ex) => Code(ex) == 400;

    /// <summary>Worth retrying with backoff: network failure, timeout, 5xx or an unreadable body.</summary>
    public static bool IsTransient(this Exception ex) => ex switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException req => req.HttpStatusCode is null or >= System.Net.HttpStatusCode.InternalServerError,
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>One line for a log: the code and Telegram's description, or the transport failure, without the token.</summary>
    public static string Describe(this Exception ex) => ex switch
    {
        ApiRequestException api => $"{api.ErrorCode} {TokenRedactor.Redact(api.Message)}",
        RequestException req => TokenRedactor.Redact(req.HttpStatusCode is { } status ? $"HTTP {(int)status}: {req.Message}" : req.Message),
        _ => $"{ex.GetType().Name}: {TokenRedactor.Redact(ex.Message)}",
    };

    private static int Code(Exception ex) => (ex as ApiRequestException)?.ErrorCode ?? 0;

    private static bool Has(Exception ex, int code, string fragment) =>
        ex is ApiRequestException api && api.ErrorCode == code && api.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
