using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

/// <summary>The validator is the tests' stand-in for Telegram, so it must itself reject what Telegram rejects.</summary>
public class ValidatorTests
{
    [Theory]
    [InlineData("<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins> <s>s</s> <strike>k</strike> <del>d</del>")]
    [InlineData("<span class=\"tg-spoiler\">спойлер</span> <tg-spoiler>ещё</tg-spoiler>")]
    [InlineData("<a href=\"https://x.io/?a=1&amp;b=&quot;2&quot;\">ссылка</a> <a href='tg://user?id=1'>друг</a>")]
    [InlineData("<pre><code class=\"language-python\">x = 1 &lt; 2</code></pre>")]
    [InlineData("<pre>plain</pre><code>inline</code>")]
    [InlineData("<blockquote>цитата</blockquote><blockquote expandable>длинная</blockquote>")]
    [InlineData("<b>жирный <i>курсив <a href=\"https://x.io\">ссылка</a></i></b>")]
    [InlineData("&#128512; &#x1F600; &amp; &lt; &gt; &quot; 🙂")]
    [InlineData("<B>upper-case tag</B>")]
    [InlineData("<tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>")]
    public void Accepts_what_Telegram_accepts(string html) => TelegramAssert.Accepted(html);

    [Theory]
    [InlineData("<p>абзац</p>", "unsupported start tag <p>")]
    [InlineData("<h1>x</h1>", "unsupported start tag <h1>")]
    [InlineData("<br>", "unsupported start tag <br>")]
    [InlineData("<b>незакрытый", "unclosed <b>")]
    [InlineData("<b><i>x</b></i>", "unmatched end tag </b>, expected </i>")]
    [InlineData("лишний</b>", "unmatched end tag </b>, expected none")]
    [InlineData("a < b", "unclosed '<' at 2")]
    [InlineData("a > b", "unescaped '>' at 2")]
    [InlineData("Tom & Jerry", "unsupported or unescaped entity at 4")]
    [InlineData("&nbsp;", "unsupported or unescaped entity at 0")]
    [InlineData("&#xD800;", "unsupported or unescaped entity at 0")]
    [InlineData("<a>x</a>", "<a> without href")]
    [InlineData("<a href=\"https://x.io\" onclick=\"y()\">x</a>", "unsupported attribute onclick in <a>")]
    [InlineData("<a href=\"x\"><a href=\"y\">x</a></a>", "nested <a>")]
    [InlineData("<blockquote><blockquote>x</blockquote></blockquote>", "nested <blockquote>")]
    [InlineData("<code><b>x</b></code>", "<b> inside <code>")]
    [InlineData("<pre><b>x</b></pre>", "<b> inside <pre>")]
    [InlineData("<code class=\"language-python\">x</code>", "a language is only allowed on <pre><code>")]
    [InlineData("<span>x</span>", "<span> without class=\"tg-spoiler\"")]
    [InlineData("<a href=\"x\">unclosed attribute</a", "unclosed '<' at 30")]
    [InlineData("<b>   </b>", "message text is empty")]
    [InlineData("", "message text is empty")]
    public void Rejects_what_Telegram_rejects(string html, string error)
    {
        Assert.False(TelegramHtml.IsValid(html, out var actual));
        Assert.Equal(error, actual);
    }

    [Fact]
    public void Rejects_a_lone_surrogate_which_is_not_valid_UTF8()
    {
        Assert.False(TelegramHtml.IsValid("x" + '\uD83D', out var error));
        Assert.Equal("lone surrogate at 1: not valid UTF-8", error);
    }

    [Fact]
    public void Length_is_counted_on_visible_text_after_entities()
    {
        var fits = string.Concat(Enumerable.Repeat("<b>&lt;</b>", 4096));
        var tooLong = fits + "x";

        TelegramAssert.Accepted(fits);
        Assert.False(TelegramHtml.IsValid(tooLong, out var error));
        Assert.Equal("message is too long: 4097 visible characters, limit 4096", error);
    }
}
