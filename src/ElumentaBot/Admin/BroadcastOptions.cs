namespace ElumentaBot.Admin;

/// <summary>
/// The <c>Broadcast</c> section. The outbound pacer already caps all sends near 30/s; a broadcast stays below
/// that on its own so that replies to users keep flowing while it runs.
/// </summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcast";

    public double MessagesPerSecond { get; set; } = 20;

    /// <summary>The admin hears about progress after every this many recipients.</summary>
    public int ProgressEvery { get; set; } = 500;
}
