using Elumenta.Core.Generations;
using ElumentaBot.Localization;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// What the user hears when a job failed or was canceled: the reason in plain words, that no tokens were charged,
/// and Retry (re-runs the media request) / Support buttons.
/// </summary>
public sealed class FailureNotice(ITelegramBotClient bot, Localizer texts)
{
    /// <summary>The support handoff button, answered by the support handler.</summary>
    public static string SupportData(long generationId) => $"sup:gen:{generationId}";

    public async Task SendAsync(Generation generation, string language, int? statusMessageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(generation);
        var reason = generation.Status == GenerationStatus.Canceled ? "canceled" : generation.ErrorKind switch
        {
            "content_policy" => "content_policy",
            "timeout" => "timeout",
            "invalid_input" => "invalid_input",
            "overloaded" => "overloaded",
            _ => "generic",
        };
        var text = texts.Get(language, "media.failed." + reason) + "\n\n" + texts.Get(language, "media.failed.no_charge");
        var markup = new InlineKeyboardMarkup(
        [
            [
                Screen.Button(texts.Get(language, "media.button.retry"), $"mr:{generation.Id}"),
                Screen.Button(texts.Get(language, "media.button.support"), SupportData(generation.Id)),
            ],
        ]);
        if (statusMessageId is { } id)
        {
            try
            {
                await bot.EditMessageText(generation.ChatId!.Value, id, text, replyMarkup: markup, cancellationToken: ct);
                return;
            }
            catch (RequestException)
            {
                // The status message is gone or too old to edit: say it in a new one.
            }
        }

        await bot.SendMessage(generation.ChatId!.Value, text, replyMarkup: markup, cancellationToken: ct);
    }
}
