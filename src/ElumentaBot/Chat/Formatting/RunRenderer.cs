using System.Text;

namespace ElumentaBot.Chat.Formatting;

internal static class RunRenderer
{
    public static string ToHtml(IEnumerable<Run> runs)
    {
        var html = new StringBuilder();
        var open = new List<Tag>();
        foreach (var run in runs)
        {
            if (run.Text.Length == 0)
            {
                continue;
            }

            var common = 0;
            while (common < open.Count && common < run.Tags.Length && ReferenceEquals(open[common], run.Tags[common]))
            {
                common++;
            }

            CloseDownTo(html, open, common);
            for (var i = common; i < run.Tags.Length; i++)
            {
                html.Append(run.Tags[i].Open);
                open.Add(run.Tags[i]);
            }

            AppendEscaped(html, run.Text);
        }

        CloseDownTo(html, open, 0);
        return html.ToString();
    }

    public static string ToPlain(IEnumerable<Run> runs) => string.Concat(runs.Select(r => r.Text));

    public static string Escape(string text) => AppendEscaped(new StringBuilder(text.Length), text).ToString();

    public static string EscapeAttribute(string value) => Escape(value).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static StringBuilder AppendEscaped(StringBuilder html, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                _ => html.Append(c),
            };
        }

        return html;
    }

    private static void CloseDownTo(StringBuilder html, List<Tag> open, int depth)
    {
        for (var i = open.Count - 1; i >= depth; i--)
        {
            html.Append(open[i].Close);
            open.RemoveAt(i);
        }
    }
}
