using System.Globalization;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;

namespace ElumentaBot.Chat.Formatting;

internal sealed partial class MarkdownConverter
{
    private static readonly string[] Bullets = ["•", "◦", "▪"];

    private void List(ListBlock list)
    {
        var spacing = list.IsLoose ? 2 : 1;
        var number = int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;
        var first = true;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            if (!first)
            {
                output.Break(spacing);
            }

            first = false;
            // A task item's checkbox (rendered by its TaskList inline) replaces the bullet.
            var marker = list.IsOrdered
                ? string.Create(CultureInfo.InvariantCulture, $"{number++}.")
                : IsTask(item) ? "" : Bullets[Math.Min(listDepth, Bullets.Length - 1)];
            if (marker.Length > 0)
            {
                output.Text(marker + " ");
            }

            output.PushIndent(new string(' ', list.IsOrdered ? marker.Length + 2 : 3));
            listDepth++;
            Blocks(item, spacing);
            listDepth--;
            output.PopIndent();
        }
    }

    private static bool IsTask(ListItemBlock item) =>
        item.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: TaskList };
}
