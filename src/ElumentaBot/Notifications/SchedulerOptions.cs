namespace ElumentaBot.Notifications;

/// <summary>The <c>Scheduler</c> section: the cycle jobs' tick.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    public bool Enabled { get; set; } = true;

    public int IntervalSeconds { get; set; } = 60;

    /// <summary>A payment still unconfirmed after this long is confirmed by the sweep (its update has given up or is stuck).</summary>
    public int ConfirmationGraceSeconds { get; set; } = 120;
}
