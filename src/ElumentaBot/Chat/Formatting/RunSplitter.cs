using System.Globalization;
using System.Text;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Cuts runs into chunks of at most <c>limit</c> visible characters. Cuts happen in visible
/// text, so tags and entities (written only when a chunk is rendered) can never be cut; each chunk's
/// runs still carry their full tag stacks, so a continued code block reopens with its language.</summary>
internal static class RunSplitter
{
    private const int Paragraph = 3;
    private const int Line = 2;
    private const int Word = 1;

    /// <summary>Break preference: a good break in the second half of the window beats a better one
    /// that would leave a short chunk; only then any break at all, and last a grapheme boundary.</summary>
    private static readonly (int Priority, int FillPercent)[] Preferences =
        [(Paragraph, 50), (Line, 50), (Word, 50), (Line, 0), (Word, 0)];

    public static List<List<Run>> Split(IReadOnlyList<Run> runs, int limit)
    {
        var text = new StringBuilder();
        var inPre = new List<bool>();
        foreach (var run in runs)
        {
            text.Append(run.Text);
            var pre = run.Tags.Any(t => t.IsPre);
            inPre.AddRange(Enumerable.Repeat(pre, run.Text.Length));
        }

        var visible = text.ToString();
        var breaks = FindBreaks(visible, inPre);
        var chunks = new List<List<Run>>();
        var pos = 0;
        while (pos < visible.Length)
        {
            var (end, next) = visible.Length - pos <= limit ? (visible.Length, visible.Length) : ChooseCut(visible, breaks, pos, limit);
            if (!string.IsNullOrWhiteSpace(visible[pos..end]))
            {
                chunks.Add(Slice(runs, pos, end));
            }

            pos = next;
        }

        return chunks;
    }

    private static (int End, int Next) ChooseCut(string text, List<Break> breaks, int pos, int limit)
    {
        foreach (var (priority, fill) in Preferences)
        {
            var minEnd = pos + Math.Max(1, limit * fill / 100);
            for (var i = LastStartingBy(breaks, pos + limit); i >= 0 && breaks[i].Start >= minEnd; i--)
            {
                if (breaks[i].Priority >= priority)
                {
                    return (breaks[i].Start, breaks[i].Next);
                }
            }
        }

        var cut = pos;
        while (cut < text.Length)
        {
            var length = StringInfo.GetNextTextElementLength(text.AsSpan(cut));
            if (cut + length - pos > limit)
            {
                break;
            }

            cut += length;
        }

        if (cut == pos)
        {
            // A single grapheme longer than the limit: cut it, but never between surrogates.
            cut = pos + limit;
            cut -= char.IsLowSurrogate(text[cut]) ? 1 : 0;
        }

        return (cut, cut);
    }

    /// <summary>Each whitespace stretch is a break; the stretch is dropped at a cut, except the
    /// indentation after its last line feed, which belongs to the next line (Python needs it).</summary>
    private static List<Break> FindBreaks(string text, List<bool> inPre)
    {
        var breaks = new List<Break>();
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            var start = i;
            var newlines = 0;
            var next = -1;
            for (; i < text.Length && char.IsWhiteSpace(text[i]); i++)
            {
                if (text[i] == '\n')
                {
                    newlines++;
                    next = i + 1;
                }
            }

            var priority = newlines >= 2 && !inPre[start] ? Paragraph : newlines >= 1 ? Line : Word;
            breaks.Add(new Break(start, next < 0 ? i : next, priority));
        }

        return breaks;
    }

    private static int LastStartingBy(List<Break> breaks, int position)
    {
        int low = 0, high = breaks.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (breaks[middle].Start <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }

    private static List<Run> Slice(IReadOnlyList<Run> runs, int start, int end)
    {
        var slice = new List<Run>();
        var offset = 0;
        foreach (var run in runs)
        {
            var from = Math.Max(start, offset);
            var to = Math.Min(end, offset + run.Text.Length);
            if (from < to)
            {
                slice.Add(run with { Text = run.Text[(from - offset)..(to - offset)] });
            }

            offset += run.Text.Length;
        }

        return slice;
    }

    private readonly record struct Break(int Start, int Next, int Priority);
}
