using System.Globalization;
using System.Text;

namespace ElumentaBot.Chat.Formatting;

/// <summary>Checks what Telegram's HTML parse mode checks (and a little more, to stay on the safe
/// side): known tags and attributes, proper nesting, the four named entities, and visible length.</summary>
internal static class HtmlValidator
{
    private static readonly Dictionary<string, string[]> Attributes = new(StringComparer.Ordinal)
    {
        ["b"] = [], ["strong"] = [], ["i"] = [], ["em"] = [], ["u"] = [], ["ins"] = [],
        ["s"] = [], ["strike"] = [], ["del"] = [], ["tg-spoiler"] = [], ["pre"] = [],
        ["span"] = ["class"], ["a"] = ["href"], ["code"] = ["class"], ["blockquote"] = ["expandable"],
        ["tg-emoji"] = ["emoji-id"], ["tg-time"] = ["unix", "format"],
    };

    private static readonly Dictionary<string, char> Entities = new(StringComparer.Ordinal)
    {
        ["lt"] = '<', ["gt"] = '>', ["amp"] = '&', ["quot"] = '"',
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

    private static Dictionary<string, string> ParseAttributes(string rest, out string? error)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        var i = 0;
        while (error is null)
        {
            while (i < rest.Length && char.IsWhiteSpace(rest[i]))
            {
                i++;
            }

            if (i >= rest.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < rest.Length && (char.IsAsciiLetterOrDigit(rest[i]) || rest[i] == '-'))
            {
                i++;
            }

            if (i == nameStart)
            {
                error = $"bad attribute syntax near '{rest[i..]}'";
                break;
            }

            var name = rest[nameStart..i].ToLowerInvariant();
            var value = "";
            if (i < rest.Length && rest[i] == '=')
            {
                i++;
                var quote = i < rest.Length && rest[i] is '"' or '\'' ? rest[i++] : ' ';
                var end = quote == ' ' ? rest.IndexOfAny([' ', '\t', '\n'], i) : rest.IndexOf(quote, i);
                if (end < 0 && quote != ' ')
                {
                    error = $"unclosed attribute value for {name}";
                    break;
                }

                end = end < 0 ? rest.Length : end;
                value = DecodeAttribute(rest[i..end], ref error);
                i = quote == ' ' ? end : end + 1;
            }

            attributes[name] = value;
        }

        return attributes;
    }

    private static string DecodeAttribute(string raw, ref string? error)
    {
        var value = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length && error is null; i++)
        {
            if (raw[i] == '&')
            {
                error = Entity(raw, ref i, value);
            }
            else
            {
                error = raw[i] == '<' ? "'<' in attribute" : null;
                value.Append(raw[i]);
            }
        }

        return value.ToString();
    }

    /// <summary>Reads the entity starting at <paramref name="i"/> and leaves <paramref name="i"/> on its ';'.</summary>
    private static string? Entity(string html, ref int i, StringBuilder text)
    {
        var semicolon = html.IndexOf(';', i);
        var name = semicolon < 0 || semicolon - i > 12 ? null : html[(i + 1)..semicolon];
        if (name is not null && Entities.TryGetValue(name, out var named))
        {
            text.Append(named);
        }
        else if (name is ['#', 'x' or 'X', .. var hex] && int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) && Rune.IsValid(code))
        {
            text.Append(char.ConvertFromUtf32(code));
        }
        else if (name is ['#', .. var digits] && digits.All(char.IsAsciiDigit) && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out code) && Rune.IsValid(code))
        {
            text.Append(char.ConvertFromUtf32(code));
        }
        else
        {
            return $"unsupported or unescaped entity at {i}";
        }

        i = semicolon;
        return null;
    }
}
