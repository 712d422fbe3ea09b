using System.Text;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Checks what Telegram's HTML parse mode checks (and a little more, to stay on the safe
/// side): known tags and attributes, proper nesting, the four named entities, and visible length.</summary>
internal static partial class HtmlValidator
{
    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.Ordinal)
    {
        ["b"] = [], ["strong"] = [], ["i"] = [], ["em"] = [], ["u"] = [], ["ins"] = [],
        ["s"] = [], ["strike"] = [], ["del"] = [], ["tg-spoiler"] = [], ["pre"] = [],
        ["span"] = ["class"], ["a"] = ["href"], ["code"] = ["class"], ["blockquote"] = ["expandable"],
        ["tg-emoji"] = ["emoji-id"], ["tg-time"] = ["unix", "format"],
    };

    /// <summary>Returns the visible text, or null with an error naming the first problem.</summary>
    public static string? Parse(string html, out string? error)
    {
        var text = new StringBuilder(html.Length);
        var open = new List<string>();
        error = null;
        for (var i = 0; i < html.Length && error is null; i++)
        {
            switch (html[i])
            {
                case '<':
                    var close = html.IndexOf('>', i);
                    error = close < 0 ? $"unclosed '<' at {i}" : Tag(html[(i + 1)..close], open);
                    i = close;
                    break;
                case '&':
                    error = Entity(html, ref i, text);
                    break;
                case '>':
                    error = $"unescaped '>' at {i}";
                    break;
                case var c when char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]):
                    text.Append(c).Append(html[++i]);
                    break;
                case var c when char.IsSurrogate(c):
                    error = $"lone surrogate at {i}: not valid UTF-8";
                    break;
                default:
                    text.Append(html[i]);
                    break;
            }
        }

        error ??= open.Count > 0 ? $"unclosed <{open[^1]}>" : null;
        return error is null ? text.ToString() : null;
    }

    private static string? Tag(string body, List<string> open)
    {
        if (body.Contains('<', StringComparison.Ordinal))
        {
            return $"'<' inside tag <{body}>";
        }

        if (body.StartsWith('/'))
        {
            var end = body[1..].Trim().ToLowerInvariant();
            if (open.Count == 0 || open[^1] != end)
            {
                return $"unmatched end tag </{end}>, expected {(open.Count == 0 ? "none" : $"</{open[^1]}>")}";
            }

            open.RemoveAt(open.Count - 1);
            return null;
        }

        var nameLength = body.TakeWhile(c => char.IsAsciiLetterOrDigit(c) || c == '-').Count();
        var name = body[..nameLength].ToLowerInvariant();
        if (!Attributes.TryGetValue(name, out var allowed))
        {
            return $"unsupported start tag <{name}>";
        }

        var attributes = ParseAttributes(body[nameLength..], out var error);
        error ??= attributes.Keys.FirstOrDefault(a => !allowed.Contains(a)) is { } bad ? $"unsupported attribute {bad} in <{name}>" : null;
        error ??= Nesting(name, attributes, open);
        open.Add(name);
        return error;
    }

    private static string? Nesting(string name, Dictionary<string, string> attributes, List<string> open)
    {
        var parent = open.Count > 0 ? open[^1] : null;
        return (name, parent) switch
        {
            (_, "code") => $"<{name}> inside <code>",
            ("code", "pre") => null,
            (_, "pre") => $"<{name}> inside <pre>",
            ("code", _) when attributes.ContainsKey("class") => "a language is only allowed on <pre><code>",
            ("code", _) or ("pre", _) when open.Contains("a") => $"<{name}> inside <a>",
            ("a", _) when open.Contains("a") => "nested <a>",
            ("a", _) when !attributes.ContainsKey("href") => "<a> without href",
            ("blockquote", _) when open.Contains("blockquote") => "nested <blockquote>",
            ("span", _) when attributes.GetValueOrDefault("class") != "tg-spoiler" => "<span> without class=\"tg-spoiler\"",
            ("code", _) when attributes.TryGetValue("class", out var language) && !language.StartsWith("language-", StringComparison.Ordinal) => "code class must be language-…",
            _ => null,
        };
    }
}
