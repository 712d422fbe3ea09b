namespace ElumentaBot.Transport;

/// <summary>
/// <c>Telegram:Pacing</c>: Telegram's published flood limits (about 1 message/s per chat with short bursts,
/// 20/min per group, about 30/s overall). Tests and the load harness scale or disable them.
/// </summary>
public sealed class PacingOptions
{
    public const string Section = "Telegram:Pacing";

    public bool Enabled { get; set; } = true;

    public int PrivateBurst { get; set; } = 3;

    public double PrivatePerSecond { get; set; } = 1;

    public int GroupBurst { get; set; } = 3;

    public int GroupPerMinute { get; set; } = 20;

    public int GlobalLimit { get; set; } = 30;

    public int GlobalWindowMs { get; set; } = 1000;

    /// <summary>How many sends may go back to back before global spacing (window / limit) applies.</summary>
    public int GlobalBurst { get; set; } = 5;

    /// <summary>Added to every window so network jitter can't squeeze an extra message into one at the server.</summary>
    public int SafetyMarginMs { get; set; } = 50;

    /// <summary>429s are retried transparently when <c>retry_after</c> is at most this.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 60;

    public int MaxFloodRetries { get; set; } = 3;
}
