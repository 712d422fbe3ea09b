using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Chat.Delivery;

/// <summary>The formatting component (<see cref="TelegramHtml"/>): Markdown → Telegram HTML, split without breaking tags.</summary>
internal sealed class TelegramHtmlFormatter : IAnswerFormatter
{
    public IReadOnlyList<string> ToHtmlMessages(string markdown) => TelegramHtml.Split(markdown);

    public IReadOnlyList<string> HtmlToPlainMessages(string html) => TelegramHtml.SplitPlainText(TelegramHtml.HtmlToPlainText(html));
}
