using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

internal static class TelegramAssert
{
    public static void Accepted(string html, int maxLength = TelegramHtml.MaxMessageLength) =>
        Assert.True(TelegramHtml.IsValid(html, maxLength, out var error), $"{error}\n--- html ---\n{html}");

    public static string Visible(string html)
    {
        Accepted(html, int.MaxValue);
        return TelegramHtml.HtmlToPlainText(html);
    }

    /// <summary>The parts, in order, make up the whole; only whitespace where a cut was made may be missing.</summary>
    public static void Reassembles(string whole, IEnumerable<string> parts)
    {
        var at = 0;
        var number = 0;
        foreach (var part in parts.Select(p => p.Trim()))
        {
            while (at < whole.Length && char.IsWhiteSpace(whole[at]))
            {
                at++;
            }

            var expected = whole.Substring(at, Math.Min(part.Length, whole.Length - at));
            Assert.True(expected == part, $"part {number} differs from the whole at {at}:\n{expected}\n--- part ---\n{part}");
            at += part.Length;
            number++;
        }

        Assert.True(string.IsNullOrWhiteSpace(whole[at..]), $"lost the end: {whole[at..]}");
    }
}
