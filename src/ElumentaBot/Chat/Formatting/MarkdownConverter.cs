using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Walks Markdig's syntax tree into runs; Markdig's own HTML is never used.</summary>
internal sealed partial class MarkdownConverter
{
    private const int MaxDepth = 40;
    private const string ThematicBreak = "————————";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough | EmphasisExtraOptions.Inserted)
        .UsePipeTables()
        .UseTaskLists()
        .Build();

    private readonly RunBuilder output;
    private readonly string source;
    private readonly bool inTableCell;
    private int depth;
    private int listDepth;
    private bool insideLink;

    private MarkdownConverter(RunBuilder output, string source, bool inTableCell)
    {
        this.output = output;
        this.source = source;
        this.inTableCell = inTableCell;
    }

    public static RunBuilder Convert(string? markdown, bool plain)
    {
        var output = new RunBuilder(plain);
        var source = Clean(markdown);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(source, Pipeline);
        }
#pragma warning disable CA1031 // A parser failure must degrade to plain text, never lose the answer.
        catch (Exception)
#pragma warning restore CA1031
        {
            output.Text(source);
            return output;
        }

        new MarkdownConverter(output, source, inTableCell: false).Blocks(document, 2);
        return output;
    }

    private void Blocks(ContainerBlock container, int spacing)
    {
        var first = true;
        foreach (var block in container)
        {
            if (!first)
            {
                output.Break(spacing);
            }

            first = false;
            Block(block);
        }
    }

    private void Block(Block block)
    {
        if (++depth > MaxDepth)
        {
            output.Text(SourceOf(block));
        }
        else
        {
            Dispatch(block);
        }

        depth--;
    }

    private void Dispatch(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                output.Push(new Tag("b"));
                Inlines(heading.Inline);
                output.Pop();
                break;
            case CodeBlock code:
                Code(code);
                break;
            case HtmlBlock html:
                output.Text(html.Lines.ToString());
                break;
            case QuoteBlock quote:
                Quote(quote);
                break;
            case ListBlock list:
                List(list);
                break;
            case ThematicBreakBlock:
                output.Text(ThematicBreak);
                break;
            case Table table:
                Table(table);
                break;
            case LinkReferenceDefinitionGroup or LinkReferenceDefinition or BlankLineBlock:
                break;
            case LeafBlock { Inline: not null } leaf:
                Inlines(leaf.Inline);
                break;
            case LeafBlock leaf:
                output.Text(leaf.Lines.ToString());
                break;
            case ContainerBlock container:
                Blocks(container, 2);
                break;
        }
    }

    /// <summary>Unifies line ends and replaces lone surrogates, which are not valid UTF-8 and
    /// would make Telegram reject the whole request.</summary>
    internal static string Clean(string? text)
    {
        var chars = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }

    private string SourceOf(MarkdownObject node) =>
        node.Span.Start >= 0 && node.Span.End < source.Length && node.Span.Length > 0
            ? source.Substring(node.Span.Start, node.Span.Length)
            : "";
}
