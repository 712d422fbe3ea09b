using Markdig.Syntax.Inlines;

namespace ElumentaBot.Chat.Formatting;

internal sealed partial class MarkdownConverter
{
    private static readonly string[] SafeSchemes = ["http", "https", "tg", "mailto"];

    private void Link(LinkInline link)
    {
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
        var hasLabel = link.FirstChild is not null;
        void Label()
        {
            if (hasLabel)
            {
                Inlines(link);
            }
            else
            {
                output.Text(link.IsImage ? "🖼" : url);
            }
        }

        Anchor(url, hasLabel ? null : url, Label);
    }

    /// <summary>Writes a link, or only its label when the URL is unsafe; plain text spells the URL out.</summary>
    private void Anchor(string url, string? labelIsUrl, Action label)
    {
        var outer = insideLink;
        var safe = IsSafeUrl(url) && !outer;
        insideLink = outer || safe;
        if (output.Plain || inTableCell || !safe)
        {
            label();
            if (output.Plain && safe && !inTableCell && labelIsUrl != url)
            {
                output.Text($" ({url})");
            }
        }
        else
        {
            Tagged(new Tag("a", $"href=\"{RunRenderer.EscapeAttribute(url)}\""), label);
        }

        insideLink = outer;
    }

    internal static bool IsSafeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && SafeSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));
}
