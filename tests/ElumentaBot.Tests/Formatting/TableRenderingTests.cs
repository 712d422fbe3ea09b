using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

public class TableRenderingTests
{
    [Fact]
    public void A_narrow_table_is_an_aligned_monospace_grid()
    {
        const string markdown = """
            | Тариф | Цена, ⭐ | Лимит |
            |:------|-------:|:-----:|
            | Free | 0 | 10/день |
            | **Pro** | 250 | 200 |
            | Ultra 🚀 | 1 000 | ∞ |
            """;

        var html = TelegramHtml.FromMarkdown(markdown);

        Assert.Equal(
            """
            <pre>Тариф    | Цена, ⭐ |  Лимит
            ---------+----------+--------
            Free     |        0 | 10/день
            Pro      |      250 |   200
            Ultra 🚀 |    1 000 |    ∞</pre>
            """,
            html);
    }

    [Fact]
    public void Grid_columns_line_up_by_display_width_with_emoji_and_cyrillic()
    {
        const string markdown = """
            | Язык | Статус |
            |---|---|
            | Python 🐍 | ✅ |
            | C# | ❌ нет |
            | 日本語 | ok |
            """;

        var lines = TelegramAssert.Visible(TelegramHtml.FromMarkdown(markdown)).Split('\n');

        var bars = lines.Where(l => l.Contains('|', StringComparison.Ordinal)).Select(l => DisplayWidth.Of(l[..l.IndexOf('|', StringComparison.Ordinal)])).Distinct();
        Assert.Single(bars);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void A_wide_table_becomes_one_record_per_row()
    {
        const string markdown = """
            | Модель | Контекст | Цена за 1M входных токенов | Подходит для |
            |---|---|---|---|
            | GPT-5 | 400k | $1.25 | сложных рассуждений и кода |
            | Claude Sonnet | 200k | $3.00 | длинных документов |
            """;

        var html = TelegramHtml.FromMarkdown(markdown);

        Assert.Equal(
            """
            <b>GPT-5</b>
            • Контекст: 400k
            • Цена за 1M входных токенов: $1.25
            • Подходит для: сложных рассуждений и кода

            <b>Claude Sonnet</b>
            • Контекст: 200k
            • Цена за 1M входных токенов: $3.00
            • Подходит для: длинных документов
            """,
            html);
    }

    [Fact]
    public void Cells_keep_their_text_but_not_markup_inside_the_grid()
    {
        var html = TelegramHtml.FromMarkdown("| a | b |\n|---|---|\n| [x](https://x.io) | `<T>`<br>y |");

        Assert.Equal("<pre>a | b\n--+------\nx | &lt;T&gt; y</pre>", html);
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("Привет", 6)]
    [InlineData("日本", 4)]
    [InlineData("🚀", 2)]
    [InlineData("⚠️", 2)]
    [InlineData("👨‍👩‍👧", 2)]
    [InlineData("é", 1)]
    public void Display_width(string text, int width) => Assert.Equal(width, DisplayWidth.Of(text));
}
