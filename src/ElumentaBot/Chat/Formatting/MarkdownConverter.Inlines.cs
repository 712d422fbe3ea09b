using Markdig.Extensions.TaskLists;
using Markdig.Syntax.Inlines;

namespace ElumentaBot.Chat.Formatting;

internal sealed partial class MarkdownConverter
{
    private void Inlines(ContainerInline? container)
    {
        for (var inline = container?.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            if (++depth > MaxDepth)
            {
                output.Text(SourceOf(inline));
            }
            else
            {
                Inline(inline);
            }

            depth--;
        }
    }

    private void Inline(Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                output.Text(literal.Content.ToString());
                break;
            case EmphasisInline emphasis:
                Emphasis(emphasis);
                break;
            case CodeInline code:
                Tagged(output.Plain || insideLink ? null : new Tag("code"), () => output.Text(code.Content));
                break;
            case LinkInline link:
                Link(link);
                break;
            case AutolinkInline autolink:
                Anchor(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, autolink.Url, () => output.Text(autolink.Url));
                break;
            case LineBreakInline:
                NewLine();
                break;
            case HtmlInline html when IsLineBreakTag(html.Tag):
                NewLine();
                break;
            case HtmlInline html:
                output.Text(html.Tag);
                break;
            case HtmlEntityInline entity:
                output.Text(entity.Transcoded.ToString());
                break;
            case TaskList task:
                output.Text(task.Checked ? "☑" : "☐");
                break;
            case DelimiterInline delimiter:
                output.Text(delimiter.ToLiteral());
                break;
            case ContainerInline container:
                Inlines(container);
                break;
            default:
                output.Text(SourceOf(inline));
                break;
        }
    }

    private void Emphasis(EmphasisInline emphasis)
    {
        var name = (emphasis.DelimiterChar, emphasis.DelimiterCount) switch
        {
            ('*' or '_', 1) => "i",
            ('*' or '_', _) => "b",
            ('~', 2) => "s",
            ('+', 2) => "u",
            _ => null,
        };
        if (name is null)
        {
            var delimiter = new string(emphasis.DelimiterChar, emphasis.DelimiterCount);
            output.Text(delimiter);
            Inlines(emphasis);
            output.Text(delimiter);
            return;
        }

        Tagged(output.Plain ? null : new Tag(name), () => Inlines(emphasis));
    }

    private void Tagged(Tag? tag, Action content)
    {
        if (tag is not null)
        {
            output.Push(tag);
        }

        content();
        if (tag is not null)
        {
            output.Pop();
        }
    }

    private void NewLine()
    {
        if (inTableCell)
        {
            output.Text(" ");
        }
        else
        {
            output.LineBreak();
        }
    }

    private static bool IsLineBreakTag(string tag) =>
        tag.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "<BR>" or "<BR/>";
}
