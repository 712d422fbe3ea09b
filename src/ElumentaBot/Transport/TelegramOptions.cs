namespace ElumentaBot.Transport;

/// <summary>The <c>Telegram</c> configuration section.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string BotToken { get; set; } = "";

    /// <summary>Only scheme and authority are used; methods live at <c>{root}/bot{token}/{method}</c>.</summary>
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public string SupportBotUsername { get; set; } = "ElumentaSupportBot";

    public IList<long> AdminUserIds { get; } = [];

    /// <summary>Off for hosts that only send (tests, tools); the live bot polls.</summary>
    public bool PollingEnabled { get; set; } = true;

    public int PollTimeoutSeconds { get; set; } = 30;

    public int PollLimit { get; set; } = 100;

    public int RequestTimeoutSeconds { get; set; } = 30;

    public int UploadTimeoutSeconds { get; set; } = 180;

    /// <summary>How many updates are handled at once across all chats.</summary>
    public int MaxConcurrentUpdates { get; set; } = 256;

    /// <summary>Attempts per update before it is marked failed.</summary>
    public int MaxHandlerAttempts { get; set; } = 3;

    /// <summary>How long in-flight updates may run after shutdown starts; the rest stay pending.</summary>
    public int ShutdownDeadlineSeconds { get; set; } = 20;

    public int InboxRetentionHours { get; set; } = 72;

    public int BackoffMinMs { get; set; } = 1000;

    public int BackoffMaxMs { get; set; } = 30_000;

    /// <summary>The least wait after a 409: another poller or a webhook will not go away in milliseconds.</summary>
    public int ConflictBackoffMs { get; set; } = 5000;

    public Uri ApiRoot => new(new Uri(ApiBaseUrl).GetLeftPart(UriPartial.Authority));

    public override string ToString() => $"Telegram({ApiRoot}, polling={PollingEnabled})";
}
