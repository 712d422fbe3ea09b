namespace ElumentaBot.Media;

/// <summary><c>Media:*</c>: confirmation rules, input limits and progress pacing.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>A request priced at this or more waits for a Confirm button (product rule: 30).</summary>
    public int ConfirmFrom { get; set; } = 30;

    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Bots may download at most 20 MB from Telegram.</summary>
    public long MaxInputBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Status edits at most this often (Telegram's edit limits); identical text is never re-sent.</summary>
    public TimeSpan ProgressEditInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Chat actions last about 5 s, so they are repeated a little sooner.</summary>
    public TimeSpan ChatActionInterval { get; set; } = TimeSpan.FromSeconds(4.5);

    /// <summary>Largest provider file we download to upload ourselves; bigger results are sent as a link.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Telegram fetches photos by URL up to 5 MB; bigger ones we upload.</summary>
    public long MaxUrlPhotoBytes { get; set; } = 5L * 1024 * 1024;

    /// <summary>Telegram fetches other files by URL up to 20 MB.</summary>
    public long MaxUrlFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Telegram takes uploaded photos up to 10 MB; bigger ones go as documents.</summary>
    public long MaxUploadPhotoBytes { get; set; } = 10L * 1024 * 1024;

    public bool IsValid() =>
        ConfirmFrom >= 1 && ConfirmationLifetime > TimeSpan.Zero && MaxInputBytes > 0 && MaxUploadBytes > 0
        && MaxUrlPhotoBytes > 0 && MaxUrlFileBytes > 0 && MaxUploadPhotoBytes > 0
        && ProgressEditInterval > TimeSpan.Zero && ChatActionInterval > TimeSpan.Zero;
}
