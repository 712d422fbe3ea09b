using System.Globalization;
using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Media.History;
using ElumentaBot.Media.Images;
using ElumentaBot.Transport;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Confirmations;

/// <summary>
/// Media buttons: <c>mc:</c> confirm, <c>mx:</c> cancel, <c>mo: mt: mk: ml: ms:</c> choices, <c>mr:</c> retry,
/// <c>mj:</c> Midjourney upscale/variation, <c>hist:</c> re-send. Ids are validated against the tapping account.
/// The tap's idempotency key is <c>callback:{query id}</c>: a draft it wrote is resumed, not written again.
/// </summary>
public sealed partial class MediaCallbacks(
    CurrentUser current, ITelegramBotClient bot, Localizer texts, ConfirmationStore drafts, MediaFlow flow, DraftChoices choices,
    MediaRetry retry, MidjourneyActions midjourney, HistoryView history, ILogger<MediaCallbacks> logger)
{
    /// <summary>The callback data prefixes (before the first ':') this class answers.</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["mc", "mx", "mo", "mt", "mk", "ml", "ms", "mr", "mj", "hist"];

    public async Task HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var callback = context.Callback ?? throw new InvalidOperationException("A media callback route without a callback query.");
        var parts = (callback.Data ?? "").Split(':');
        var user = MediaUser.Of(callback.Message?.Chat.Id ?? callback.From.Id, current.Require(), context.EffectKey);
        int? messageId = callback.Message is { } m && m.IsAccessible() ? m.Id : null;
        if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await Answer(callback, "media.callback.invalid", ct);
            return;
        }

        var choice = parts.Length > 2 ? parts[2] : "";
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
            case "mr":
                var outcome = await retry.RetryAsync(user, id, user.EffectKey!, ct);
                await Answer(callback, outcome switch
                {
                    RetryOutcome.Started => null,
                    RetryOutcome.AlreadyRetried => "chat.retry.gone",
                    _ => "media.confirm.expired",
                }, ct);
                break;
            case "mj":
                await Answer(callback, null, ct);
                if (!await flow.ResumeAsync(user, null, ct))
                {
                    await midjourney.RequestAsync(user, id, choice, ct);
                }

                break;
            case "hist":
                await Answer(callback, null, ct);
                await history.ResendAsync(user, id, ct);
                break;
            default:
                var ok = await flow.ResumeAsync(user, messageId, ct) || await choices.ChooseAsync(user, parts[0], id, choice, messageId, ct);
                await Answer(callback, ok ? null : "media.confirm.expired", ct);
                break;
        }
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

    /// <summary>A lost answer only leaves the spinner turning: it must not fail the tap into a retry after a claim.</summary>
    private async Task Answer(CallbackQuery callback, string? key, CancellationToken ct)
    {
        try
        {
            await bot.AnswerCallbackQuery(callback.Id, key is null ? null : texts.Get(current.Language, key), showAlert: key is not null, cancellationToken: ct);
        }
        catch (RequestException e)
        {
            LogAnswerFailed(logger, e, callback.Id);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Answering media callback {QueryId} failed")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, string queryId);
}
