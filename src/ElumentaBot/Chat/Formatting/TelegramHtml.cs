namespace ElumentaBot.Chat.Formatting;

/// <summary>Turns a model's Markdown answer into Telegram messages that Telegram accepts: HTML parse
/// mode chunks, or plain-text chunks for drafts and for re-sending when Telegram rejects markup.</summary>
public static class TelegramHtml
{
    /// <summary>Telegram's limit on a message's visible text (after entity parsing).</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>The default chunk size: Telegram's limit less a safety margin.</summary>
    public const int DefaultChunkLength = 4000;

    private const int MinChunkLength = 64;

    /// <summary>The whole answer as one Telegram HTML string; it may be longer than one message.</summary>
    public static string FromMarkdown(string? markdown) =>
        RunRenderer.ToHtml(MarkdownConverter.Convert(markdown, plain: false).Runs);

    /// <summary>The answer as HTML messages, each valid on its own and at most
    /// <paramref name="maxLength"/> visible characters. A blank answer gives no messages; one whose
    /// Markdown shows nothing (an empty code fence, say) is sent as its raw text rather than lost.</summary>
    public static IReadOnlyList<string> Split(string? markdown, int maxLength = DefaultChunkLength)
    {
        var chunks = RunSplitter.Split(MarkdownConverter.Convert(markdown, plain: false).Runs, CheckLength(maxLength));
        return chunks.Count > 0
            ? chunks.ConvertAll(RunRenderer.ToHtml)
            : SplitPlainText(markdown, maxLength).Select(RunRenderer.Escape).ToList();
    }

    /// <summary>The answer's content without markup: lists, tables and code keep their layout,
    /// and links show their address.</summary>
    public static string ToPlainText(string? markdown) =>
        MarkdownConverter.Convert(markdown, plain: true).ToPlainString();

    /// <summary>The answer converted to plain text and split into messages.</summary>
    public static IReadOnlyList<string> SplitPlainMarkdown(string? markdown, int maxLength = DefaultChunkLength)
    {
        var chunks = SplitRuns(MarkdownConverter.Convert(markdown, plain: true).Runs, maxLength);
        return chunks.Count > 0 ? chunks : SplitPlainText(markdown, maxLength);
    }

    /// <summary>Any plain text (a streamed draft, say) split into messages of at most
    /// <paramref name="maxLength"/> characters, preferring paragraph, then line, then word boundaries.</summary>
    public static IReadOnlyList<string> SplitPlainText(string? text, int maxLength = DefaultChunkLength) =>
        SplitRuns(string.IsNullOrEmpty(text) ? [] : [new Run(MarkdownConverter.Clean(text), [])], maxLength);

    /// <summary>The text a user would see for an HTML message: tags dropped, entities decoded.
    /// Re-sending a rejected chunk this way keeps it within the same length.</summary>
    public static string HtmlToPlainText(string html) =>
        HtmlValidator.Parse(html, out _) ?? html;

    /// <summary>Whether Telegram would accept <paramref name="html"/> as an HTML parse mode message.</summary>
    public static bool IsValid(string html, out string? error) => IsValid(html, MaxMessageLength, out error);

    /// <inheritdoc cref="IsValid(string, out string?)"/>
    public static bool IsValid(string html, int maxLength, out string? error)
    {
        ArgumentNullException.ThrowIfNull(html);
        var visible = HtmlValidator.Parse(html, out error);
        if (visible is not null && string.IsNullOrWhiteSpace(visible))
        {
            error = "message text is empty";
        }
        else if (visible is not null && visible.Length > maxLength)
        {
            error = $"message is too long: {visible.Length} visible characters, limit {maxLength}";
        }

        return error is null;
    }

    private static List<string> SplitRuns(IReadOnlyList<Run> runs, int maxLength) =>
        RunSplitter.Split(runs, CheckLength(maxLength)).Select(RunRenderer.ToPlain).ToList();

    private static int CheckLength(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, MinChunkLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, MaxMessageLength);
        return maxLength;
    }
}
