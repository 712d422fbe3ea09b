using Markdig.Syntax;

namespace ElumentaBot.Chat.Formatting;

internal sealed partial class MarkdownConverter
{
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
}
