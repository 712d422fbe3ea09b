namespace ElumentaBot.Chat.Streaming;

/// <summary>
/// Cuts the head off a growing Markdown answer so it can be finalised as its own message: at a blank line outside
/// code fences if possible, else at a line end; a cut inside a fence closes it in the head and reopens it in the rest.
/// </summary>
internal static class MarkdownCutter
{
    /// <param name="text">The uncommitted text (any carried-over fence opener first).</param>
    /// <param name="max">The longest head.</param>
    /// <param name="minimum">The head must consume more than this many characters (the carried-over opener).</param>
    /// <returns>The head to send, how many characters of <paramref name="text"/> it consumed, and the prefix the rest needs.</returns>
    public static (string Head, int Consumed, string Carry) Cut(string text, int max, int minimum)
    {
        int paragraph = -1, line = -1, fenced = -1;
        string? fenceAtFenced = null, openFence = null, fenceAtMax = null;
        for (var start = 0; start < text.Length;)
        {
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            var current = text.AsSpan(start, end - start);
            if (start <= max)
            {
                fenceAtMax = openFence;
            }

            var trimmed = current.TrimStart();
            if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                openFence = openFence is null ? current.ToString() : null;
            }

            var after = end + 1;
            if (newline < 0 || after > max)
            {
                break;
            }

            if (after > minimum)
            {
                if (openFence is null)
                {
                    line = after;
                    paragraph = current.IsWhiteSpace() ? after : paragraph;
                }
                else
                {
                    fenced = after;
                    fenceAtFenced = openFence;
                }
            }

            start = after;
        }

        var half = max / 2;
        var plain = paragraph > half ? paragraph : line > half ? line : fenced > half ? -1 : Math.Max(paragraph, line);
        if (plain > minimum)
        {
            return (text[..plain], plain, "");
        }

        if (fenced > minimum)
        {
            return (text[..fenced] + Closer(fenceAtFenced!), fenced, fenceAtFenced!.Trim() + "\n");
        }

        var cut = HardCut(text, max, minimum);
        return fenceAtMax is null
            ? (text[..cut], cut, "")
            : (text[..cut] + "\n" + Closer(fenceAtMax), cut, fenceAtMax.Trim() + "\n");
    }

    private static string Closer(string opener)
    {
        var trimmed = opener.TrimStart();
        var fenceChar = trimmed[0];
        var length = trimmed.TakeWhile(c => c == fenceChar).Count();
        return new string(fenceChar, length);
    }

    private static int HardCut(string text, int max, int minimum)
    {
        var space = text.LastIndexOf(' ', Math.Min(max, text.Length) - 1);
        var cut = space > max / 2 && space > minimum ? space + 1 : Math.Min(max, text.Length);
        return cut < text.Length && char.IsLowSurrogate(text[cut]) ? cut - 1 : cut;
    }
}
