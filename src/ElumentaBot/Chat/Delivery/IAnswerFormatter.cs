namespace ElumentaBot.Chat.Delivery;

/// <summary>How a model's Markdown becomes Telegram messages; the chat layer needs nothing more from formatting.</summary>
public interface IAnswerFormatter
{
    /// <summary>HTML parse-mode messages, each valid alone and within Telegram's 4,096 visible characters.</summary>
    IReadOnlyList<string> ToHtmlMessages(string markdown);

    /// <summary>A rejected HTML message as plain-text messages carrying the same visible text.</summary>
    IReadOnlyList<string> HtmlToPlainMessages(string html);
}
