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
        var source = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
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

    private void Code(CodeBlock code)
    {
        var text = code.Lines.ToString().TrimEnd('\n', ' ');
        if (text.Trim().Length == 0)
        {
            return;
        }

        var language = code is FencedCodeBlock fenced ? SanitizeLanguage(fenced.Info) : "";
        output.Push(new Tag("pre"));
        if (language.Length > 0)
        {
            output.Push(new Tag("code", $"class=\"language-{language}\""));
        }

        output.Raw(text);
        if (language.Length > 0)
        {
            output.Pop();
        }

        output.Pop();
    }

    private void Quote(QuoteBlock quote)
    {
        // Telegram rejects nested blockquotes, so inner quotes merge into the outer one.
        if (output.IsInside("blockquote"))
        {
            Blocks(quote, 2);
            return;
        }

        output.Push(new Tag("blockquote"));
        if (output.Plain)
        {
            output.Text("> ");
            output.PushIndent("> ");
        }

        Blocks(quote, 2);
        if (output.Plain)
        {
            output.PopIndent();
        }

        output.Pop();
    }

    internal static string SanitizeLanguage(string? info)
    {
        // "c#" and "f#" are common fence labels; '#' itself is not allowed in the class name.
        var word = string.Concat((info ?? "").TakeWhile(c => !char.IsWhiteSpace(c) && c != '{')).Replace("#", "sharp", StringComparison.Ordinal);
        var language = new string(word.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '+' or '-').ToArray());
        return language.Length > 32 ? language[..32] : language;
    }

    private string SourceOf(MarkdownObject node) =>
        node.Span.Start >= 0 && node.Span.End < source.Length && node.Span.Length > 0
            ? source.Substring(node.Span.Start, node.Span.Length)
            : "";
}
