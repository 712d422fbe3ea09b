namespace ElumentaBot.Chat;

/// <summary><c>Chat</c>: streaming cadence, the per-chat queue and input limits. Tests shorten the intervals.</summary>
public sealed class ChatOptions
{
    public const string Section = "Chat";

    /// <summary>Least time between two draft updates in a private chat.</summary>
    public int DraftIntervalMs { get; set; } = 1000;

    /// <summary>A draft is re-sent after this long without new text, so Telegram does not drop it (~30 s lifetime).</summary>
    public int DraftKeepAliveMs { get; set; } = 20_000;

    /// <summary>Least time between two edits of the streamed message in a group (Telegram: about 20 edits a minute).</summary>
    public int GroupEditIntervalMs { get; set; } = 3000;

    /// <summary>How often the typing action is repeated until the first token (it lasts about 5 s).</summary>
    public int TypingIntervalMs { get; set; } = 4000;

    /// <summary>Streamed text longer than this is finalised as a message and the stream goes on in a new one.</summary>
    public int StreamChunkChars { get; set; } = 4000;

    /// <summary>Messages that may wait behind the running answer in one chat.</summary>
    public int MaxWaiting { get; set; } = 3;

    /// <summary>Bots can download files up to 20 MB.</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>How long shutdown waits for running answers to release their reservations.</summary>
    public int ShutdownGraceMs { get; set; } = 5000;

    internal bool IsValid() =>
        DraftIntervalMs >= 50 && DraftKeepAliveMs >= DraftIntervalMs && GroupEditIntervalMs >= 50 && TypingIntervalMs >= 100
        && StreamChunkChars is >= 500 and <= 4096 && MaxWaiting is >= 0 and <= 20 && MaxFileBytes > 0 && ShutdownGraceMs >= 0;
}
