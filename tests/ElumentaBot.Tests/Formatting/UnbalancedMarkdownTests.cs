using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

/// <summary>What a model stream looks like when it is cut off, or when the model writes odd things.</summary>
public class UnbalancedMarkdownTests
{
    public static TheoryData<string> Awkward =>
    [
        "Вот исправленная функция:\n\n```python\ndef clamp(x, lo, hi):\n    if x < lo:\n        return lo",
        "Итог: **главное — не забудьте закрыть соединение",
        "Можно вставить <script>alert(document.cookie)</script> прямо в шаблон.",
        "Условие выполняется, если a < b && c > d, иначе <b>ничего</b>.",
        "Нажмите [сюда](javascript:alert(1)) чтобы продолжить",
        "***Очень важно***, а также **жирный с _курсивом_ внутри** и *курсив с **жирным***",
        "Подробности в [документации](https://learn.microsoft.com/dotnet/api/system.threading.ratelimiting?vie",
        "| Модель | Цена |\n|---|---|\n| gpt-5 | $1.25 |\n| claude",
        "**bold _mixed** italic_ and ~~strike **bold~~ done**",
        "> > > Вложенная цитата\n> > с продолжением\n> и выходом",
        "Формула: $E = mc^2$ и $x_1 + y_1 = \\frac{a}{b}$",
        "Ссылка с кавычкой: [тут](https://example.com/?q=\"x\"&y=<1>)",
        "`незакрытый код и ``` внутри строки",
        "&nbsp;&copy;&#x1F600;&#0;&bogus; &amp; &lt;",
        "<div class=\"note\">\n  <p>HTML-блок от модели</p>\n</div>\n\nТекст после",
        "- [ ] \n- [x]\n-\n1.\n>\n#\n```\n```",
        "* * *\n___\n***",
        "<br>строка<br/>ещё<BR />и ещё",
        "[![картинка](https://x.io/a.png)](https://x.io)",
        "\u200B\u00A0\t\u2028",
        "Обрыв посреди эмодзи \uD83D",
        "[пробел в адресе](<https://example.com/a b>)",
    ];

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Becomes_markup_Telegram_accepts(string markdown)
    {
        var html = TelegramHtml.FromMarkdown(markdown);

        if (TelegramHtml.HtmlToPlainText(html).Trim().Length > 0)
        {
            TelegramAssert.Accepted(html);
        }

        Assert.All(TelegramHtml.Split(markdown, 64), chunk => TelegramAssert.Accepted(chunk, 64));
    }

    [Fact]
    public void An_unclosed_fence_is_code_to_the_end()
    {
        var html = TelegramHtml.FromMarkdown("Вот исправленная функция:\n\n```python\ndef clamp(x, lo, hi):\n    if x < lo:\n        return lo");

        Assert.Equal("Вот исправленная функция:\n\n<pre><code class=\"language-python\">def clamp(x, lo, hi):\n    if x &lt; lo:\n        return lo</code></pre>", html);
    }

    [Fact]
    public void A_lone_double_star_stays_visible_as_text()
    {
        var html = TelegramHtml.FromMarkdown("Итог: **главное — не забудьте закрыть соединение");

        Assert.Equal("Итог: **главное — не забудьте закрыть соединение", html);
    }

    [Theory]
    [InlineData("Можно вставить <script>alert(document.cookie)</script> прямо в шаблон.", "Можно вставить &lt;script&gt;alert(document.cookie)&lt;/script&gt; прямо в шаблон.")]
    [InlineData("a < b && c > d", "a &lt; b &amp;&amp; c &gt; d")]
    [InlineData("<b onclick=\"x()\">жирный?</b>", "&lt;b onclick=\"x()\"&gt;жирный?&lt;/b&gt;")]
    [InlineData("<div>\n<a href=\"https://x.io\">блок</a>\n</div>", "&lt;div&gt;\n&lt;a href=\"https://x.io\"&gt;блок&lt;/a&gt;\n&lt;/div&gt;")]
    public void Raw_html_is_escaped_never_passed_through(string markdown, string expected) =>
        Assert.Equal(expected, TelegramHtml.FromMarkdown(markdown));

    [Theory]
    [InlineData("[сюда](javascript:alert(1))")]
    [InlineData("[сюда](JaVaScRiPt:alert(1))")]
    [InlineData("[сюда](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[сюда](/relative/path)")]
    [InlineData("[сюда](file:///etc/passwd)")]
    public void Links_with_other_schemes_show_only_their_text(string markdown) =>
        Assert.Equal("сюда", TelegramHtml.FromMarkdown(markdown));

    [Fact]
    public void A_lone_surrogate_from_a_cut_stream_becomes_a_replacement_character()
    {
        Assert.Equal("Обрыв посреди эмодзи \uFFFD", TelegramHtml.FromMarkdown("Обрыв посреди эмодзи \uD83D"));
        Assert.Equal(["a\uFFFDb"], TelegramHtml.SplitPlainText("a\uDE00b"));
    }

    [Fact]
    public void Nested_and_overlapping_emphasis_nests_properly()
    {
        Assert.Equal("<i><b>Очень важно</b></i>, <b>жирный с <i>курсивом</i></b>", TelegramHtml.FromMarkdown("***Очень важно***, **жирный с _курсивом_**"));
        TelegramAssert.Accepted(TelegramHtml.FromMarkdown("**bold _mixed** italic_"));
    }

    [Fact]
    public void A_half_written_link_is_text()
    {
        Assert.Equal("Подробности в [документации](https://learn.microsoft.com/dotnet?vie", TelegramHtml.FromMarkdown("Подробности в [документации](https://learn.microsoft.com/dotnet?vie"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData(null)]
    public void Empty_input_gives_no_messages(string? markdown)
    {
        Assert.Equal("", TelegramHtml.FromMarkdown(markdown).Trim());
        Assert.Empty(TelegramHtml.Split(markdown));
        Assert.Empty(TelegramHtml.SplitPlainMarkdown(markdown));
    }

    [Theory]
    [InlineData("```\n```")]
    [InlineData("[](<>)")]
    [InlineData("> ")]
    public void Markdown_that_shows_nothing_is_sent_as_its_raw_text(string markdown)
    {
        Assert.Equal("", TelegramHtml.FromMarkdown(markdown).Trim());
        var chunk = Assert.Single(TelegramHtml.Split(markdown));
        TelegramAssert.Accepted(chunk);
        Assert.Equal(markdown.Trim(), TelegramHtml.HtmlToPlainText(chunk).Trim());
        Assert.Equal(markdown.Trim(), Assert.Single(TelegramHtml.SplitPlainMarkdown(markdown)).Trim());
    }

    [Fact]
    public void Random_markdown_soup_always_gives_valid_messages()
    {
        string[] tokens =
        [
            "**", "*", "_", "__", "~~", "++", "`", "```", "```py\n", "\n", "\n\n", "[", "](", ")", "<", ">", "&", "\"",
            "# ", "> ", "- ", "1. ", "- [ ] ", "| ", " | ", "|---|---|\n", "---", "text ", "🙂", "👨‍👩‍👧", "Привет ",
            "https://x.io/?a=1&b=2", "javascript:", "<b>", "</i>", "&amp;", "&#", "\\", "    ", "$",
        ];
        var random = new Random(20260914);
        for (var i = 0; i < 400; i++)
        {
            var markdown = string.Concat(Enumerable.Range(0, random.Next(1, 80)).Select(_ => tokens[random.Next(tokens.Length)]));
            var limit = random.Next(64, 300);
            var html = TelegramHtml.FromMarkdown(markdown);
            var chunks = TelegramHtml.Split(markdown, limit);

            Assert.All(chunks, chunk => TelegramAssert.Accepted(chunk, limit));
            if (!string.IsNullOrWhiteSpace(TelegramHtml.HtmlToPlainText(html)))
            {
                TelegramAssert.Reassembles(TelegramAssert.Visible(html), chunks.Select(TelegramHtml.HtmlToPlainText));
            }

            Assert.All(TelegramHtml.SplitPlainMarkdown(markdown, limit), c => Assert.InRange(c.Length, 1, limit));
        }
    }
}
