using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

public class LongAnswerTests
{
    private static readonly string Markdown = LongAnswerSample.Markdown;

    [Fact]
    public void The_sample_is_a_long_answer_with_a_code_block_longer_than_a_message()
    {
        Assert.InRange(Markdown.Length, 11_000, 13_000);
        var python = Markdown.Split("```python")[1].Split("```")[0];
        Assert.True(python.Length > TelegramHtml.MaxMessageLength);
    }

    [Fact]
    public void Splits_into_several_messages_each_accepted_by_Telegram()
    {
        var chunks = TelegramHtml.Split(Markdown);

        Assert.InRange(chunks.Count, 3, 5);
        foreach (var chunk in chunks)
        {
            TelegramAssert.Accepted(chunk);
            Assert.InRange(TelegramHtml.HtmlToPlainText(chunk).Length, 1, TelegramHtml.DefaultChunkLength);
        }
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(4000)]
    [InlineData(1500)]
    [InlineData(300)]
    public void The_messages_together_show_exactly_the_unsplit_answer(int limit)
    {
        var whole = TelegramAssert.Visible(TelegramHtml.FromMarkdown(Markdown));
        var chunks = TelegramHtml.Split(Markdown, limit);

        Assert.All(chunks, c => TelegramAssert.Accepted(c, limit));
        TelegramAssert.Reassembles(whole, chunks.Select(TelegramHtml.HtmlToPlainText));
    }

    [Fact]
    public void A_code_block_cut_between_messages_reopens_with_its_language()
    {
        var chunks = TelegramHtml.Split(Markdown);
        var python = chunks.Select((c, i) => (c, i)).Where(x => x.c.Contains("language-python", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, python.Count);
        Assert.Equal(python[0].i + 1, python[1].i);
        Assert.EndsWith("</code></pre>", python[0].c, StringComparison.Ordinal);
        Assert.StartsWith("<pre><code class=\"language-python\">", python[1].c, StringComparison.Ordinal);
        Assert.Contains("return False, wait", python[1].c, StringComparison.Ordinal);
    }

    [Fact]
    public void The_code_survives_the_cut_line_for_line_with_its_indentation()
    {
        var code = Markdown.Split("```python\n")[1].Split("\n```")[0];
        var shown = TelegramHtml.Split(Markdown)
            .Select(TelegramHtml.HtmlToPlainText)
            .Where(v => v.Contains("RateLimiter", StringComparison.Ordinal))
            .ToList();

        var codeLines = code.Split('\n').Where(l => l.Trim().Length > 0);
        var shownLines = shown.SelectMany(v => v.Split('\n')).ToHashSet();
        Assert.All(codeLines, line => Assert.Contains(line, shownLines));
    }

    [Fact]
    public void Headings_quotes_emphasis_links_and_lists_render_as_a_user_expects()
    {
        var html = TelegramHtml.FromMarkdown(Markdown);

        Assert.StartsWith("<b>Ограничение частоты запросов в Telegram-боте 🚦</b>\n\n", html, StringComparison.Ordinal);
        Assert.Contains("<b>2. Реализация на Python (aiogram 3)</b>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>⚠️ <b>Важно:</b> Telegram сам ограничивает ботов", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://en.wikipedia.org/wiki/Rate_limiting\">Rate limiting strategies</a>", html, StringComparison.Ordinal);
        Assert.Contains("\n1. <b>Входящие запросы пользователя</b>", html, StringComparison.Ordinal);
        Assert.Contains("<pre><code class=\"language-csharp\">using System.Collections.Concurrent;", html, StringComparison.Ordinal);
        Assert.Contains("<s>в разы</s> заметно", html, StringComparison.Ordinal);
        Assert.Contains("\n————————\n", html, StringComparison.Ordinal);
        Assert.EndsWith("Удачи с ботом! 🚀", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_and_comparisons_in_the_answer_are_shown_as_text()
    {
        var html = TelegramHtml.FromMarkdown(Markdown);
        var visible = TelegramAssert.Visible(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(\"hi\")&lt;/script&gt; и &lt;b&gt;незакрытый тег.", html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(\"hi\")</script> и <b>незакрытый тег.", visible, StringComparison.Ordinal);
        Assert.Contains("Если a < b && c > d в вашем условии", visible, StringComparison.Ordinal);
    }
}
