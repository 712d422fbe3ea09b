using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Ui;

/// <summary>A refusal or failure as the user sees it: localized text and its buttons.</summary>
public sealed record Refusal(string Text, InlineKeyboardMarkup? Keyboard);

/// <summary>The callback data of refusal buttons; other features own the handlers of <c>pay:</c> and <c>sup:</c>.</summary>
public static class RefusalCallbacks
{
    public const string BuyTokens = "pay:buy";
    public const string Plans = "pay:plans";
    public const string RetryPrefix = "chat:retry:";
    public const string SupportPrefix = "sup:gen:";

    public static string Retry(long generationId) => RetryPrefix + generationId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Support(long generationId) => SupportPrefix + generationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
