using Elumenta.Core.Catalog;
using ElumentaBot.Chat.Formatting;
using ElumentaBot.Localization;
using ElumentaBot.ModelPicker;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.InlineMode;

/// <summary>What the inline message shows: the question on top, then the live text, the formatted answer or a notice.</summary>
public sealed class InlineTexts(Localizer texts)
{
    private const string Ellipsis = "…";

    public string Title(string language, Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return texts.Get(language, "inline.title", ("model", model.Name), ("price", PriceText.Long(texts, language, model)));
    }

    public string Placeholder(string language, string question, Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return texts.Get(language, "inline.placeholder", ("question", question), ("model", model.Name));
    }

    /// <summary>The button every inline message carries (Telegram gives an inline_message_id only to messages with one).</summary>
    public InlineKeyboardMarkup OpenBot(string language, string botUsername) =>
        new(InlineKeyboardButton.WithUrl(texts.Get(language, "inline.open_bot"), $"https://t.me/{botUsername}"));

    public InlineKeyboardMarkup FullAnswer(string language, string botUsername, string token) =>
        new(InlineKeyboardButton.WithUrl(texts.Get(language, "inline.full_answer"), $"https://t.me/{botUsername}?start={InlineAnswers.Payload(token)}"));

    /// <summary>Intermediate plain text, cut to one message.</summary>
    public string Live(string language, string question, string partial)
    {
        ArgumentNullException.ThrowIfNull(partial);
        var head = Header(language, question) + "\n\n";
        var room = TelegramHtml.MaxMessageLength - head.Length - Ellipsis.Length;
        return partial.Length <= room ? head + partial : head + partial[..SafeCut(partial, room)] + Ellipsis;
    }

    /// <summary>A refusal or failure in place of the answer.</summary>
    public string Notice(string language, string question, string notice) => Header(language, question) + "\n\n" + notice;

    /// <summary>The formatted answer (HTML and its plain fallback) within one message; <c>Cut</c> when the rest needs the full-answer link.</summary>
    public (string Html, string Plain, bool Cut) Final(string language, string question, string markdown)
    {
        var header = Header(language, question);
        var room = TelegramHtml.DefaultChunkLength - header.Length - 2 - Ellipsis.Length - 1;
        var parts = TelegramHtml.Split(markdown, room);
        var cut = parts.Count > 1;
        var body = parts.Count > 0 ? parts[0] : "";
        var plain = TelegramHtml.SplitPlainText(TelegramHtml.HtmlToPlainText(body), room) is [var first, ..] ? first : "";
        var tail = cut ? "\n" + Ellipsis : "";
        return (Escape(header) + "\n\n" + body + tail, header + "\n\n" + plain + tail, cut);
    }

    public string Stopped(string language) => texts.Get(language, "inline.stopped");

    private string Header(string language, string question) => texts.Get(language, "inline.header", ("question", question));

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    // Never between the two halves of a surrogate pair.
    private static int SafeCut(string text, int at) => at > 0 && char.IsHighSurrogate(text[at - 1]) ? at - 1 : at;
}
