using System.Text.RegularExpressions;
using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Options;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Support;

/// <summary>The deep link into the separate support bot: <c>https://t.me/&lt;bot&gt;?start=&lt;ticket code&gt;</c>.</summary>
public sealed partial class SupportLinks(IOptions<TelegramOptions> telegram, Localizer texts)
{
    public string Url(string code) =>
        IsValidPayload(code)
            ? $"https://t.me/{telegram.Value.SupportBotUsername}?start={code}"
            : throw new ArgumentException($"'{code}' is not a valid deep-link payload.", nameof(code));

    public InlineKeyboardMarkup Button(string code, string lang) =>
        new([[InlineKeyboardButton.WithUrl(texts.Get(lang, "support.button"), Url(code))]]);

    /// <summary>Telegram's rule for a <c>start</c> payload: 1 to 64 of <c>A-Z a-z 0-9 _ -</c>.</summary>
    public static bool IsValidPayload(string? code) => code is not null && Payload().IsMatch(code);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex Payload();
}
