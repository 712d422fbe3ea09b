using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using ElumentaBot.Localization;
using ElumentaBot.Media.Images;
using ElumentaBot.Media.Running;
using ElumentaBot.Transport;
using ElumentaBot.ModelPicker;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Delivery;

/// <summary>
/// Delivers a settled generation exactly once: the claim (<c>MarkDeliveredAsync</c>) comes before the send, the
/// file id is stored after it, and a failed send gives the claim back for the next attempt (or the next start).
/// </summary>
public sealed partial class MediaDelivery(
    GenerationStore generations, AccountService accounts, ModelCatalog catalog, MediaSender sender, DeliveryRecords records,
    JobRegistry registry, FailureNotice failures, MidjourneyButtons midjourney, ITelegramBotClient bot, Localizer texts, ILogger<MediaDelivery> logger)
{
    private const int Attempts = 3;

    public async Task DeliverAsync(long generationId, CancellationToken ct)
    {
        var generation = await generations.GetAsync(generationId, ct);
        if (generation is not { Status: GenerationStatus.Completed, ChatId: { } chatId } || catalog.FindModel(generation.ModelSlug) is not { } model)
        {
            return;
        }

        if (!await generations.MarkDeliveredAsync(generationId, null, ct))
        {
            return;
        }

        var language = (await accounts.FindAsync(generation.AccountId, ct))?.Language ?? Languages.English;
        var job = registry.Finish(generationId);
        try
        {
            var fileId = await SendWithRetriesAsync(chatId, generation, model, language, ct);
            if (fileId is not null)
            {
                await records.SetFileIdAsync(generationId, fileId, ct);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException && (e.IsTransient() || e.IsBlocked()))
        {
            // Telegram down, or the user blocked the bot: kept undelivered for the next attempt (or the next start).
            LogDeliveryFailed(logger, e, generationId);
            await records.ReleaseClaimAsync(generationId, CancellationToken.None);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Refused for good: the user pays nothing and is told, never left "running".
            LogUndeliverable(logger, e, generationId);
            if (await generations.RefundUndeliverableAsync(generationId, e.Describe(), CancellationToken.None))
            {
                var failed = (await generations.GetAsync(generationId, CancellationToken.None))!;
                await failures.SendAsync(failed, language, job?.StatusMessageId, CancellationToken.None);
            }

            return;
        }
        finally
        {
            job?.Dispose();
        }

        if (job?.StatusMessageId is { } statusId)
        {
            await Quietly(() => bot.EditMessageText(chatId, statusId, texts.Get(language, "media.progress.done",
                ("model", model.Name), ("price", PriceText.Long(texts, language, generation.Price))), cancellationToken: ct));
        }
    }

    /// <summary>The failure (or cancel) message, once per settlement; the status message becomes it where there is one.</summary>
    public async Task FailedAsync(long generationId, CancellationToken ct)
    {
        var generation = await generations.GetAsync(generationId, ct);
        if (generation is not { Status: GenerationStatus.Failed or GenerationStatus.Canceled, ChatId: not null })
        {
            return;
        }

        var language = (await accounts.FindAsync(generation.AccountId, ct))?.Language ?? Languages.English;
        using var job = registry.Finish(generationId);
        await failures.SendAsync(generation, language, job?.StatusMessageId, ct);
    }

    private async Task<string?> SendWithRetriesAsync(long chatId, Generation generation, Model model, string language, CancellationToken ct)
    {
        var kind = ResultKind.Of(generation);
        var caption = texts.Get(language, "media.delivery.caption", ("model", model.Name), ("price", PriceText.Long(texts, language, generation.Price)));
        if (kind == SendKind.Text)
        {
            var text = string.IsNullOrWhiteSpace(generation.ResultText) ? texts.Get(language, "media.delivery.no_text") : generation.ResultText;
            await bot.SendMessage(chatId, text.Length > 4000 ? text[..4000] : text, cancellationToken: ct);
            return null;
        }

        var urls = ResultKind.Urls(generation);
        var markup = midjourney.For(generation, model);
        string? first = null;
        for (var i = 0; i < urls.Count; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    // Not `first ??= await …`: that would skip sending every file after the first.
                    var fileId = await sender.SendAsync(chatId, urls[i], kind, ResultKind.Mime(generation), i == 0 ? caption : null,
                        i == urls.Count - 1 ? markup : null, language, ct);
                    first ??= fileId;
                    break;
                }
                catch (Exception e) when (attempt < Attempts && e.IsTransient())
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct);
                }
            }
        }

        return first;
    }

    private static async Task Quietly(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RequestException)
        {
        }
    }

    [LoggerMessage(LogLevel.Error, "Generation {GenerationId} cannot be delivered; its tokens are given back and the user is told")]
    private static partial void LogUndeliverable(ILogger logger, Exception exception, long generationId);

    [LoggerMessage(LogLevel.Error, "Delivery of generation {GenerationId} failed; it stays undelivered for the next attempt")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, long generationId);
}
