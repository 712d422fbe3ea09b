using System.Globalization;
using System.Text;

namespace ElumentaBot.Chat.Formatting;

internal static partial class HtmlValidator
{
    private static readonly Dictionary<string, char> Entities = new(StringComparer.Ordinal)
    {
        ["lt"] = '<', ["gt"] = '>', ["amp"] = '&', ["quot"] = '"',
    };

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
