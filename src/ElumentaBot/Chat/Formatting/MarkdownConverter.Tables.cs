using Markdig.Extensions.Tables;

namespace ElumentaBot.Chat.Formatting;

internal sealed partial class MarkdownConverter
{
    /// <summary>Widest grid that still fits a phone screen in monospace without wrapping.</summary>
    internal const int MaxGridWidth = 44;

    private void Table(Table table)
    {
        var rows = table.OfType<TableRow>().ToList();
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        if (columns == 0)
        {
            return;
        }

        var cells = rows.Select(r => Enumerable.Range(0, columns).Select(i => i < r.Count ? CellText((TableCell)r[i]) : "").ToArray()).ToList();
        var widths = Enumerable.Range(0, columns).Select(i => cells.Max(row => DisplayWidth.Of(row[i]))).ToArray();
        if (widths.Sum() + (3 * (columns - 1)) <= MaxGridWidth)
        {
            Grid(table, rows, cells, widths);
        }
        else
        {
            Records(rows, cells);
        }
    }

    private void Grid(Table table, List<TableRow> rows, List<string[]> cells, int[] widths)
    {
        var lines = new List<string>();
        for (var r = 0; r < rows.Count; r++)
        {
            var padded = cells[r].Select((text, i) => Align(text, widths[i], i < table.ColumnDefinitions.Count ? table.ColumnDefinitions[i].Alignment : null));
            lines.Add(string.Join(" | ", padded).TrimEnd());
            if (rows[r].IsHeader && (r + 1 == rows.Count || !rows[r + 1].IsHeader))
            {
                lines.Add(string.Join("-+-", widths.Select(w => new string('-', w))));
            }
        }

        output.Push(new Tag("pre"));
        output.Raw(string.Join("\n", lines));
        output.Pop();
    }

    /// <summary>Wide tables become one record per row: the first cell in bold, then "header: value" lines.</summary>
    private void Records(List<TableRow> rows, List<string[]> cells)
    {
        var body = rows.Where(r => !r.IsHeader).ToList();
        var header = body.Count < rows.Count && rows[0].IsHeader ? cells[0] : null;
        if (body.Count == 0)
        {
            // A header without rows (a cut-off stream, say) is still content.
            (body, header) = (rows, null);
        }

        var first = true;
        foreach (var row in body)
        {
            if (!first)
            {
                output.Break(2);
            }

            first = false;
            for (var i = 0; i < row.Count; i++)
            {
                if (i == 0)
                {
                    Tagged(output.Plain ? null : new Tag("b"), () => Blocks((TableCell)row[i], 1));
                    continue;
                }

                output.LineBreak();
                var name = header is not null && i < header.Length ? header[i] : "";
                output.Text(name.Length > 0 ? $"• {name}: " : "• ");
                Blocks((TableCell)row[i], 1);
            }
        }
    }

    private string CellText(TableCell cell)
    {
        var text = new RunBuilder(plain: true);
        new MarkdownConverter(text, source, inTableCell: true).Blocks(cell, 1);
        return text.ToPlainString().Replace('\n', ' ').Trim();
    }

    private static string Align(string text, int width, TableColumnAlign? alignment)
    {
        var gap = width - DisplayWidth.Of(text);
        return alignment switch
        {
            TableColumnAlign.Right => new string(' ', gap) + text,
            TableColumnAlign.Center => new string(' ', gap / 2) + text + new string(' ', gap - (gap / 2)),
            _ => text + new string(' ', gap),
        };
    }
}
