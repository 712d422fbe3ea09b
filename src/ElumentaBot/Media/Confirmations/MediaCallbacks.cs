using System.Globalization;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Media.Delivery;
using ElumentaBot.Media.History;
using ElumentaBot.Media.Images;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Media.Confirmations;

/// <summary>
/// Media buttons: <c>mc:</c> confirm, <c>mx:</c> cancel, <c>mo: mt: mk: ml: ms:</c> choices, <c>mr:</c> retry,
/// <c>mj:</c> Midjourney upscale/variation, <c>hist:</c> re-send. Every callback is answered first (Telegram shows a
/// spinner until then); ids are validated against the tapping account.
/// </summary>
public sealed class MediaCallbacks(
    CurrentUser current, ITelegramBotClient bot, Localizer texts, ConfirmationStore drafts, MediaFlow flow, DraftChoices choices,
    MidjourneyActions midjourney, HistoryView history)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Update.CallbackQuery is not { Data: { } data } callback || current.Account is not { } account)
        {
            return false;
        }

        var parts = data.Split(':');
        if (parts.Length < 2 || parts[0] is not ("mc" or "mx" or "mo" or "mt" or "mk" or "ml" or "ms" or "mr" or "mj" or "hist"))
        {
            return false;
        }

        var user = MediaUser.Of(callback.Message?.Chat.Id ?? callback.From.Id, account);
        int? messageId = callback.Message is { IsInaccessible: false } m ? m.MessageId : null;
        if (!long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await Answer(callback, "media.callback.invalid", ct);
            return true;
        }

        switch (parts[0])
        {
            case "mc":
                await ConfirmAsync(callback, user, id, messageId, ct);
                break;
            case "mx":
                await Answer(callback, null, ct);
                if (await drafts.CancelAsync(id, user.AccountId, ct))
                {
                    await EditQuietly(user, messageId, "media.confirm.canceled", ct);
                }

                break;
            case "mj":
                await Answer(callback, null, ct);
                await midjourney.RequestAsync(user, id, parts.Length > 2 ? parts[2] : "", ct);
                break;
            case "hist":
                await Answer(callback, null, ct);
                await history.ResendAsync(user, id, ct);
                break;
            default:
                var ok = await choices.ChooseAsync(user, parts[0], id, parts.Length > 2 ? parts[2] : "", messageId, ct);
                await Answer(callback, ok ? null : "media.confirm.expired", ct);
                break;
        }

        return true;
    }

    private async Task ConfirmAsync(CallbackQuery callback, MediaUser user, long id, int? messageId, CancellationToken ct)
    {
        var claim = await drafts.ClaimAsync(id, user.AccountId, ct);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed:
                await Answer(callback, null, ct);
                await EditQuietly(user, messageId, "media.confirm.accepted", ct);

                await flow.StartAsync(user, claim.Row!, ct);
                break;
            case ClaimOutcome.AlreadyConfirmed:
                await Answer(callback, "media.confirm.already", ct);
                break;
            case ClaimOutcome.Expired:
                await Answer(callback, "media.confirm.expired", ct);
                break;
            default:
                await Answer(callback, "media.callback.invalid", ct);
                break;
        }
    }

    private async Task EditQuietly(MediaUser user, int? messageId, string key, CancellationToken ct)
    {
        if (messageId is not { } shown)
        {
            return;
        }

        try
        {
            await bot.EditMessageText(user.ChatId, shown, texts.Get(user.Language, key), cancellationToken: ct);
        }
        catch (RequestException)
        {
            // The card is too old to edit; the answer to the tap already told the user.
        }
    }

    private Task<bool> Answer(CallbackQuery callback, string? key, CancellationToken ct) =>
        bot.AnswerCallbackQuery(callback.Id, key is null ? null : texts.Get(current.Language, key), showAlert: key is null ? null : true, cancellationToken: ct);
}
