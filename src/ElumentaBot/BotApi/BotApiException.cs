namespace ElumentaBot.BotApi;

/// <summary>
/// Every failure of a Bot API call: an error envelope (<see cref="ErrorCode"/> &gt; 0) or a transport
/// problem (<see cref="ErrorCode"/> 0, <see cref="IsTransient"/>). The message never contains the token.
/// </summary>
public sealed class BotApiException : Exception
{
    public BotApiException()
    {
    }

    public BotApiException(string message)
        : base(message)
    {
    }

    public BotApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BotApiException(string method, int errorCode, string description, int? retryAfter = null, long? migrateToChatId = null, bool transient = false)
        : base($"{method}: {(errorCode > 0 ? $"{errorCode} " : "")}{description}")
    {
        Method = method;
        ErrorCode = errorCode;
        Description = description;
        RetryAfter = retryAfter;
        MigrateToChatId = migrateToChatId;
        IsTransient = transient || errorCode is 0 or >= 500;
    }

    public string Method { get; } = "";

    public int ErrorCode { get; }

    public string Description { get; } = "";

    public int? RetryAfter { get; }

    public long? MigrateToChatId { get; }

    /// <summary>Worth retrying with backoff: network failure, timeout, 5xx or an unreadable body.</summary>
    public bool IsTransient { get; }

    public bool IsUnauthorized => ErrorCode == 401;

    public bool IsConflict => ErrorCode == 409;

    public bool IsTooManyRequests => ErrorCode == 429;

    public bool IsMessageNotModified => Has(400, "message is not modified");

    public bool IsQueryTooOld => Has(400, "query is too old");

    public bool IsBlocked => Has(403, "bot was blocked by the user");

    public bool IsParseError => Has(400, "can't parse entities");

    public bool IsMessageTooLong => Has(400, "message is too long");

    public bool IsChatNotFound => Has(400, "chat not found");

    private bool Has(int code, string fragment) =>
        ErrorCode == code && Description.Contains(fragment, StringComparison.OrdinalIgnoreCase);
}
