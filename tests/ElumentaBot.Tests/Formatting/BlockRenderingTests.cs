using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

public class BlockRenderingTests
{
    [Fact]
    public void Headings_of_every_level_become_bold_lines()
    {
        var html = TelegramHtml.FromMarkdown("# Обзор\n\nТекст.\n\n### Детали *реализации*\nЕщё текст.");

        Assert.Equal("<b>Обзор</b>\n\nТекст.\n\n<b>Детали <i>реализации</i></b>\n\nЕщё текст.", html);
    }

    [Fact]
    public void Nested_lists_indent_and_change_bullets()
    {
        const string markdown = """
            Что взять в поход:

            - Еда
              - крупы
                - гречка
              - консервы
            - Снаряжение
            """;

        Assert.Equal("Что взять в поход:\n\n• Еда\n   ◦ крупы\n      ▪ гречка\n   ◦ консервы\n• Снаряжение", TelegramHtml.FromMarkdown(markdown));
    }

    [Fact]
    public void Ordered_lists_keep_their_numbers_and_indent_continuations()
    {
        const string markdown = """
            3. Install the SDK:
               ```bash
               dotnet --version
               ```
            4. Run `dotnet new console`
               - then open *Program.cs*
            """;

        var html = TelegramHtml.FromMarkdown(markdown);

        Assert.Equal(
            "3. Install the SDK:\n    <pre><code class=\"language-bash\">dotnet --version</code></pre>\n4. Run <code>dotnet new console</code>\n    ◦ then open <i>Program.cs</i>",
            html);
    }

    [Fact]
    public void Task_lists_show_checkboxes()
    {
        var html = TelegramHtml.FromMarkdown("- [x] Написать тесты\n- [ ] Выкатить в прод\n- обычный пункт");

        Assert.Equal("☑ Написать тесты\n☐ Выкатить в прод\n• обычный пункт", html);
    }

    [Fact]
    public void Quotes_become_blockquotes_and_nested_quotes_merge_into_one()
    {
        Assert.Equal("<blockquote>Цитата\n\n<b>вторая</b> часть</blockquote>\n\nПосле", TelegramHtml.FromMarkdown("> Цитата\n>\n> **вторая** часть\n\nПосле"));
        Assert.Equal("<blockquote>снаружи\n\nвнутри</blockquote>", TelegramHtml.FromMarkdown("> снаружи\n>\n> > внутри"));
    }

    [Theory]
    [InlineData("python", "python")]
    [InlineData("c#", "csharp")]
    [InlineData("C++", "C++")]
    [InlineData("objective-c", "objective-c")]
    [InlineData("js {.line-numbers}", "js")]
    [InlineData("\"><script>", "script")]
    [InlineData("ru_RU.utf-8", "ru_RUutf-8")]
    public void Code_block_languages_are_sanitized(string info, string language) =>
        Assert.Equal($"<pre><code class=\"language-{language}\">x = 1</code></pre>", TelegramHtml.FromMarkdown($"```{info}\nx = 1\n```"));

    [Fact]
    public void Code_without_a_language_and_indented_code_are_plain_pre()
    {
        Assert.Equal("<pre>SELECT * FROM t WHERE a &lt; 1;</pre>", TelegramHtml.FromMarkdown("```\nSELECT * FROM t WHERE a < 1;\n```"));
        Assert.Equal("Code:\n\n<pre>if (a &amp;&amp; b) { }</pre>", TelegramHtml.FromMarkdown("Code:\n\n    if (a && b) { }"));
    }

    [Theory]
    [InlineData("[сайт](https://example.com/a?b=1&c=2)", "<a href=\"https://example.com/a?b=1&amp;c=2\">сайт</a>")]
    [InlineData("[профиль](tg://user?id=123)", "<a href=\"tg://user?id=123\">профиль</a>")]
    [InlineData("[почта](mailto:help@example.com)", "<a href=\"mailto:help@example.com\">почта</a>")]
    [InlineData("<https://example.com>", "<a href=\"https://example.com\">https://example.com</a>")]
    [InlineData("<help@example.com>", "<a href=\"mailto:help@example.com\">help@example.com</a>")]
    [InlineData("[**жирная** ссылка](http://x.io)", "<a href=\"http://x.io\"><b>жирная</b> ссылка</a>")]
    [InlineData("[`code` link](http://x.io)", "<a href=\"http://x.io\">code link</a>")]
    [InlineData("![схема](https://x.io/d.png)", "<a href=\"https://x.io/d.png\">схема</a>")]
    [InlineData("![](https://x.io/d.png)", "<a href=\"https://x.io/d.png\">🖼</a>")]
    [InlineData("[ref][1]\n\n[1]: https://x.io", "<a href=\"https://x.io\">ref</a>")]
    public void Links_and_images(string markdown, string html) => Assert.Equal(html, TelegramHtml.FromMarkdown(markdown));

    [Fact]
    public void Inline_styles()
    {
        var html = TelegramHtml.FromMarkdown("*к* _к_ **ж** __ж__ ~~з~~ ++п++ `List<T>` ~5 мин и C++ и i++");

        Assert.Equal("<i>к</i> <i>к</i> <b>ж</b> <b>ж</b> <s>з</s> <u>п</u> <code>List&lt;T&gt;</code> ~5 мин и C++ и i++", html);
    }

    [Fact]
    public void Latex_is_left_as_text_and_thematic_breaks_are_a_line()
    {
        Assert.Equal("$$\\sum_{i=1}^n i$$ и $a^2 + b^2$\n\n————————\n\nконец", TelegramHtml.FromMarkdown("$$\\sum_{i=1}^n i$$ и $a^2 + b^2$\n\n---\n\nконец"));
    }
}
