namespace ElumentaBot.Chat.Delivery;

/// <summary>Stand-in until the Markdown formatter lands: the answer's text escaped for HTML parse mode, split on boundaries.</summary>
internal sealed class PlainAnswerFormatter : IAnswerFormatter
{
    private const int ChunkLength = 4000;

    public IReadOnlyList<string> ToHtmlMessages(string markdown) =>
        SplitPlain(markdown, ChunkLength).Select(Escape).ToList();

    public IReadOnlyList<string> HtmlToPlainMessages(string html) => SplitPlain(Unescape(html), ChunkLength);

    internal static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Unescape(string html) =>
        html.Replace("&quot;", "\"", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    public IReadOnlyList<string> SplitPlain(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        var chunks = new List<string>();
        var rest = text.AsSpan();
        while (rest.Length > maxLength)
        {
            var window = rest[..maxLength];
            var cut = Boundary(window, "\n\n") ?? Boundary(window, "\n") ?? Boundary(window, " ") ?? maxLength;
            if (cut < maxLength && char.IsLowSurrogate(rest[cut]))
            {
                cut--;
            }

            chunks.Add(rest[..cut].TrimEnd().ToString());
            rest = rest[cut..].TrimStart();
        }

        if (!rest.IsWhiteSpace())
        {
            chunks.Add(rest.ToString());
        }

        return chunks.Where(c => c.Length > 0).ToList();
    }

    // Only boundaries in the second half count, so a chunk never comes out tiny.
    private static int? Boundary(ReadOnlySpan<char> window, string separator)
    {
        var at = window.LastIndexOf(separator.AsSpan(), StringComparison.Ordinal);
        return at > window.Length / 2 ? at + separator.Length : null;
    }
}
