using System.Text;
using ElumentaBot.Transport;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Ui;

/// <summary>One rendered message: text and inline buttons, shown fresh or in place of the message a button was on.</summary>
public sealed record Screen(string Text, InlineKeyboardMarkup? Markup = null, ParseMode ParseMode = ParseMode.None)
{
    public const int MaxCallbackBytes = 64;

    public static InlineKeyboardButton Button(string text, string callbackData)
    {
        // Telegram refuses the whole message for one over-long button; fail loudly in tests instead.
        if (Encoding.UTF8.GetByteCount(callbackData) > MaxCallbackBytes)
        {
            throw new ArgumentException($"callback_data '{callbackData}' is over {MaxCallbackBytes} bytes.", nameof(callbackData));
        }

        return InlineKeyboardButton.WithCallbackData(text, callbackData);
    }

    public static InlineKeyboardMarkup Rows(IEnumerable<IEnumerable<InlineKeyboardButton>> rows) =>
        new(rows.Select(r => r.ToArray()).Where(r => r.Length > 0).ToArray());

    public static InlineKeyboardMarkup Column(IEnumerable<InlineKeyboardButton> buttons) =>
        new(buttons.Select(b => new[] { b }).ToArray());
}

public static class ScreenExtensions
{
    public static Task<Message> SendScreen(this ITelegramBotClient bot, long chatId, Screen screen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(bot);
        ArgumentNullException.ThrowIfNull(screen);
        return bot.SendMessage(chatId, screen.Text, screen.ParseMode, replyMarkup: screen.Markup, cancellationToken: ct);
    }

    public static Task<Message> SendAsync(this UpdateContext context, long chatId, Screen screen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Bot.SendScreen(chatId, screen, ct);
    }

    /// <summary>
    /// Replaces the message the button was on. A message Telegram no longer lets us see or edit (deleted, too
    /// old) gets the screen as a new message instead, so a stale button still leads somewhere.
    /// </summary>
    public static async Task ShowAsync(this UpdateContext context, CallbackQuery query, Screen screen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(screen);
        if (query.Message is { } message && message.IsAccessible())
        {
            try
            {
                await context.Bot.EditMessageText(message.Chat.Id, message.Id, screen.Text, screen.ParseMode, replyMarkup: screen.Markup, cancellationToken: ct);
                return;
            }
            catch (Exception e) when (e.IsBadRequest())
            {
                // "message to edit not found" / "message can't be edited": fall through to a fresh message.
            }
        }

        await context.SendAsync(query.Message?.Chat.Id ?? query.From.Id, screen, ct);
    }

    /// <summary>The callback's data split on ':' (the last part keeps any further ':') when it starts with <paramref name="prefix"/>, else null.</summary>
    public static string[]? CallbackParts(this UpdateContext context, string prefix, int maxParts = 8)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Update.CallbackQuery?.Data is { } data && data.StartsWith(prefix + ":", StringComparison.Ordinal)
            ? data.Split(':', maxParts)
            : null;
    }

    public static Task AnswerAsync(this UpdateContext context, CallbackQuery query, string? text = null, bool alert = false, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        return context.Bot.AnswerCallbackQuery(query.Id, text, alert, cancellationToken: ct);
    }
}
