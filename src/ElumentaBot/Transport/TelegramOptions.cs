namespace ElumentaBot.Transport;

/// <summary>How updates arrive: <c>getUpdates</c> long polling, or Telegram calling our HTTPS endpoint.</summary>
public enum TelegramMode
{
    Polling,
    Webhook,
}

/// <summary>The <c>Telegram:Webhook</c> section (used when <c>Telegram:Mode</c> is <c>Webhook</c>).</summary>
public sealed class WebhookOptions
{
    public const string DefaultPath = "/telegram/webhook";

    /// <summary>The public URL Telegram posts updates to (https; http only for a loopback host, for local tests).</summary>
    public string Url { get; set; } = "";

    /// <summary>Sent to Telegram as <c>secret_token</c>; every request must carry it in <c>X-Telegram-Bot-Api-Secret-Token</c>.</summary>
    public string SecretToken { get; set; } = "";

    /// <summary>Where this process listens for the webhook (the public URL's path after a reverse proxy may differ).</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>A bigger body is answered 413 without being read.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Passed to setWebhook as <c>max_connections</c> (1–100; Telegram's default 40).</summary>
    public int MaxConnections { get; set; } = 40;

    public override string ToString() => $"Webhook({Path}, secret=***)";
}

/// <summary>The <c>Telegram</c> configuration section.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string BotToken { get; set; } = "";

    /// <summary><c>Telegram:WebhookUrl</c> (product.md §15): the public URL Telegram posts updates to.</summary>
    public string WebhookUrl { get => Webhook.Url; set => Webhook.Url = value; }

    /// <summary><c>Telegram:WebhookSecret</c> (product.md §15): sent as <c>secret_token</c>, checked on every request.</summary>
    public string WebhookSecret { get => Webhook.SecretToken; set => Webhook.SecretToken = value; }

    /// <summary><c>Polling</c> (default) or <c>Webhook</c>; see <see cref="WebhookOptions"/>.</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    public WebhookOptions Webhook { get; set; } = new();

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

    public bool IsWebhook => Mode == TelegramMode.Webhook;

    public override string ToString() => $"Telegram({ApiRoot}, mode={Mode}, polling={PollingEnabled})";
}
