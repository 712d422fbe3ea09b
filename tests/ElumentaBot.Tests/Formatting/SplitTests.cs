using System.Globalization;
using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

public class SplitTests
{
    private static readonly string[] Words = ["токен", "лимит", "запрос", "модель", "ответ", "request", "stream", "draft"];

    [Fact]
    public void Short_answers_are_one_message_identical_to_the_full_rendering()
    {
        const string markdown = "**Да**, это возможно. Используйте `asyncio.Semaphore`.";

        Assert.Equal([TelegramHtml.FromMarkdown(markdown)], TelegramHtml.Split(markdown));
    }

    [Fact]
    public void Paragraphs_are_kept_whole_when_they_fit()
    {
        var paragraphs = Enumerable.Range(1, 6).Select(i => $"Абзац {i}. " + Sentence(1400, i)).ToList();
        var chunks = TelegramHtml.Split(string.Join("\n\n", paragraphs), 4096).Select(TelegramHtml.HtmlToPlainText).ToList();

        Assert.Equal(3, chunks.Count);
        Assert.All(chunks, c => Assert.Contains(c.Split("\n\n"), p => paragraphs.Contains(p)));
        Assert.Equal(paragraphs, chunks.SelectMany(c => c.Split("\n\n")));
    }

    [Fact]
    public void A_code_block_that_fits_the_next_message_is_not_cut()
    {
        var code = string.Join("\n", Enumerable.Range(0, 90).Select(i => $"    total += price[{i}]  # позиция {i}"));
        var markdown = $"{Sentence(2500, 1)}\n\n```python\n{code}\n```\n\nГотово.";

        var chunks = TelegramHtml.Split(markdown);

        Assert.Equal(2, chunks.Count);
        Assert.StartsWith("<pre><code class=\"language-python\">", chunks[1], StringComparison.Ordinal);
        Assert.Contains(code, TelegramHtml.HtmlToPlainText(chunks[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_gigantic_line_is_cut_between_words()
    {
        var line = Sentence(10_000, 7);
        var chunks = TelegramHtml.Split(line, 1000).Select(TelegramHtml.HtmlToPlainText).ToList();

        Assert.All(chunks.SkipLast(1), c => Assert.InRange(c.Length, 500, 1000));
        Assert.Equal(line.Split(' '), chunks.SelectMany(c => c.Split(' ')));
    }

    [Fact]
    public void Text_without_spaces_is_cut_between_graphemes_never_inside_an_emoji()
    {
        var text = string.Concat(Enumerable.Repeat("😀👨‍👩‍👧ё́", 700));
        var chunks = TelegramHtml.Split(text, 1000).Select(TelegramHtml.HtmlToPlainText).ToList();

        Assert.True(chunks.Count > 1);
        string[] graphemes = ["😀", "👨‍👩‍👧", "ё́"];
        Assert.All(chunks, c =>
        {
            Assert.InRange(c.Length, 1, 1000);
            var elements = StringInfo.GetTextElementEnumerator(c);
            while (elements.MoveNext())
            {
                Assert.Contains(elements.GetTextElement(), graphemes);
            }
        });
        Assert.Equal(text, string.Concat(chunks));
    }

    [Fact]
    public void A_long_bold_paragraph_closes_and_reopens_bold_around_each_cut()
    {
        var markdown = $"**{Sentence(3000, 3)}**";
        var chunks = TelegramHtml.Split(markdown, 1000);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c =>
        {
            TelegramAssert.Accepted(c, 1000);
            Assert.StartsWith("<b>", c, StringComparison.Ordinal);
            Assert.EndsWith("</b>", c, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_long_quote_with_a_link_reopens_the_quote_and_the_link()
    {
        var markdown = $"> [{Sentence(1500, 4)}](https://example.com/docs?a=1&b=2)";
        var chunks = TelegramHtml.Split(markdown, 600);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.StartsWith("<blockquote><a href=\"https://example.com/docs?a=1&amp;b=2\">", c, StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.EndsWith("</a></blockquote>", c, StringComparison.Ordinal));
    }

    [Fact]
    public void Entities_are_never_cut_and_count_as_one_character()
    {
        var markdown = string.Concat(Enumerable.Repeat("a<b&c>\"d ", 500));
        var chunks = TelegramHtml.Split(markdown, 100);

        Assert.All(chunks, c => TelegramAssert.Accepted(c, 100));
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(TelegramHtml.HtmlToPlainText(c).Length, 50, 100));
        Assert.Equal(markdown.Trim(), string.Join(" ", chunks.Select(TelegramHtml.HtmlToPlainText)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(4097)]
    public void Limits_outside_what_Telegram_accepts_are_refused(int limit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TelegramHtml.Split("text", limit));

    private static string Sentence(int length, int seed)
    {
        var random = new Random(seed);
        var words = new List<string>();
        var total = 0;
        while (total < length)
        {
            var word = Words[random.Next(Words.Length)];
            words.Add(word);
            total += word.Length + 1;
        }

        return string.Join(' ', words);
    }
}
