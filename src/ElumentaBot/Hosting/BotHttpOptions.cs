namespace ElumentaBot.Hosting;

/// <summary>
/// The <c>Http</c> section: where the bot listens for the webhook, <c>/health</c>, <c>/ready</c> and <c>/metrics</c>.
/// Always on in webhook mode; in polling mode only when <see cref="Urls"/> is set.
/// </summary>
public sealed class BotHttpOptions
{
    public const string Section = "Http";

    /// <summary>Kestrel addresses, <c>;</c>-separated (<c>http://0.0.0.0:8443</c>; port 0 picks a free one).</summary>
    public string Urls { get; set; } = "";

    public bool HasUrls => !string.IsNullOrWhiteSpace(Urls);
}
