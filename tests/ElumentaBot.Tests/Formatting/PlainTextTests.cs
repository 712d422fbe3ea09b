using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Formatting;

public class PlainTextTests
{
    private const string Answer = """
        ## Как подключить вебхук

        1. Получите токен у [@BotFather](https://t.me/BotFather).
        2. Вызовите `setWebhook`:
           ```bash
           curl -X POST "https://api.telegram.org/bot$TOKEN/setWebhook?url=https://example.com/hook"
           ```
        3. Проверьте **getWebhookInfo** — поле *pending_update_count* должно быть `0`.

        > Совет: включите `secret_token`, чтобы отличать запросы Telegram от чужих.

        | Поле | Тип |
        |---|---|
        | url | String |
        | max_connections | Integer |

        Готово! 🎉
        """;

    [Fact]
    public void Plain_text_has_the_content_without_tags_and_spells_out_links()
    {
        var plain = TelegramHtml.ToPlainText(Answer);

        Assert.DoesNotMatch("</?(b|i|u|s|a|code|pre|blockquote)[ >]", plain);
        Assert.StartsWith("Как подключить вебхук\n\n1. Получите токен у @BotFather (https://t.me/BotFather).\n2. Вызовите setWebhook:\n", plain, StringComparison.Ordinal);
        Assert.Contains("curl -X POST \"https://api.telegram.org/bot$TOKEN/setWebhook?url=https://example.com/hook\"", plain, StringComparison.Ordinal);
        Assert.Contains("3. Проверьте getWebhookInfo — поле pending_update_count должно быть 0.", plain, StringComparison.Ordinal);
        Assert.Contains("> Совет: включите secret_token", plain, StringComparison.Ordinal);
        Assert.Contains("url             | String\nmax_connections | Integer", plain, StringComparison.Ordinal);
        Assert.EndsWith("Готово! 🎉", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void A_streamed_draft_cut_mid_markup_still_reads_as_text()
    {
        var draft = Answer[..Answer.IndexOf("update_count", StringComparison.Ordinal)];

        var plain = TelegramHtml.ToPlainText(draft);

        Assert.EndsWith("3. Проверьте getWebhookInfo — поле *pending_", plain, StringComparison.Ordinal);
        Assert.Contains("```", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("```", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void The_long_answer_as_plain_messages_stays_within_the_limit_and_loses_nothing()
    {
        var plain = TelegramHtml.ToPlainText(LongAnswerSample.Markdown);
        var chunks = TelegramHtml.SplitPlainMarkdown(LongAnswerSample.Markdown);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, TelegramHtml.DefaultChunkLength));
        TelegramAssert.Reassembles(plain, chunks);
        Assert.Contains("документации Telegram (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this)", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_text_splits_within_the_limit_preferring_paragraphs()
    {
        var text = string.Join("\n\n", Enumerable.Range(1, 40).Select(i => $"Абзац {i}: " + new string('ж', 300)));

        var chunks = TelegramHtml.SplitPlainText(text, 1000);

        Assert.All(chunks, c => Assert.InRange(c.Length, 1, 1000));
        Assert.All(chunks, c => Assert.StartsWith("Абзац", c, StringComparison.Ordinal));
        TelegramAssert.Reassembles(text, chunks);
        Assert.Empty(TelegramHtml.SplitPlainText(""));
    }

    [Fact]
    public void A_rejected_html_chunk_falls_back_to_the_same_visible_text()
    {
        foreach (var chunk in TelegramHtml.Split(LongAnswerSample.Markdown))
        {
            var fallback = TelegramHtml.HtmlToPlainText(chunk);

            Assert.DoesNotContain("<pre>", fallback, StringComparison.Ordinal);
            Assert.DoesNotContain("&lt;", fallback, StringComparison.Ordinal);
            Assert.InRange(fallback.Length, 1, TelegramHtml.DefaultChunkLength);
        }
    }
}
