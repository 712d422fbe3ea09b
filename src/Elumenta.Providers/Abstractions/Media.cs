namespace Elumenta.Providers;

/// <summary>A media input: bytes with their MIME type, or a URL the provider can fetch.</summary>
public sealed record MediaInput
{
    private MediaInput(byte[]? bytes, string mimeType, Uri? url, string? fileName)
    {
        Bytes = bytes;
        MimeType = mimeType;
        Url = url;
        FileName = fileName;
    }

    public byte[]? Bytes { get; }
    public string MimeType { get; }
    public Uri? Url { get; }
    public string? FileName { get; }

    public static MediaInput FromBytes(byte[] bytes, string mimeType, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        return new MediaInput(bytes, mimeType, null, fileName);
    }

    public static MediaInput FromUrl(Uri url, string mimeType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(url);
        return new MediaInput(null, mimeType, url, null);
    }

    /// <summary>The URL when given, else a <c>data:</c> URI (Replicate and OpenAI vision accept both).</summary>
    public string ToUrlOrDataUri() =>
        Url?.ToString() ?? $"data:{MimeType};base64,{Convert.ToBase64String(Bytes!)}";

    public string Base64() => Bytes is not null
        ? Convert.ToBase64String(Bytes)
        : throw new InvalidOperationException("This input is a URL, not bytes.");
}

/// <summary>One produced file: bytes or a (possibly expiring) URL.</summary>
public sealed record MediaItem(string MimeType, byte[]? Bytes = null, Uri? Url = null);

/// <summary>What a finished generation produced: files and/or text (OCR, transcription).</summary>
public sealed record MediaResult(IReadOnlyList<MediaItem> Items, string? Text = null)
{
    public static MediaResult FromText(string text) => new([], text);

    public static MediaResult FromBytes(byte[] bytes, string mimeType) => new([new MediaItem(mimeType, bytes)]);

    public static MediaResult FromUrls(IEnumerable<Uri> urls, string mimeType) =>
        new(urls.Select(u => new MediaItem(mimeType, Url: u)).ToList());

    public MediaItem? First => Items.Count > 0 ? Items[0] : null;
}
