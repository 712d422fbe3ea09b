using ElumentaBot.Transport;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers;
using ElumentaBot.Ui;
using ElumentaBot.Localization;
using ElumentaBot.Media.Confirmations;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.VoiceInput;

/// <summary>A voice message's words and the STT model that heard them (charged later, with the request).</summary>
public sealed record VoiceTranscript(string Text, string SttSlug);

/// <summary>
/// A voice message in Image or Video mode becomes that mode's prompt: downloaded (≤ 20 MB, as in chat), transcribed
/// with the account's STT model and shown. Nothing is admitted here; the request built from the transcript is one
/// admission with the STT model in <c>AlsoCharge</c>, so a failed download or transcription costs nothing.
/// </summary>
public sealed partial class VoicePrompts(
    ITelegramBotClient bot, TelegramFiles files, ISpeechToText speech, ModelCatalog catalog, RefusalRenderer refusals, AdmissionRefusals admissionRefusals,
    Localizer texts, ILogger<VoicePrompts> logger)
{
    /// <summary>The transcript, already shown to the user; null when the user was told why there is none.</summary>
    public async Task<VoiceTranscript?> TranscribeAsync(MediaUser user, Account account, Voice voice, int replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(voice);
        var stt = catalog.FindModel(user.Settings.SelectedModel(ModelCategory.Stt, catalog))!;
        if (Unaffordable(account, stt) is { } refusal)
        {
            await admissionRefusals.SendAsync(user, refusal, replyTo, ct);
            return null;
        }

        byte[] bytes;
        try
        {
            files.CheckSize(voice.FileSize);
            bytes = await files.DownloadAsync(voice.FileId, ct);
        }
        catch (ChatInputException ex)
        {
            LogUnusable(logger, ex, user.ChatId);
            var unusable = ex.Size is { } size ? refusals.FileTooLarge(user.Language, size, ex.Limit) : refusals.DownloadFailed(user.Language);
            await ReplyAsync(user, unusable.Text, replyTo, ct);
            return null;
        }

        var transcript = await RecogniseAsync(user, stt, MediaInput.FromBytes(bytes, voice.MimeType ?? "audio/ogg", "voice.ogg"), replyTo, ct);
        if (transcript is null)
        {
            return null;
        }

        await ReplyAsync(user, texts.Get(user.Language, "chat.transcript", ("text", transcript)), replyTo, ct);
        return new VoiceTranscript(transcript, stt.Slug);
    }

    /// <summary>
    /// Transcription runs before admission (the prompt must be seen before it is priced and confirmed), so an account
    /// that could never pay for the STT part is told so first instead of getting a free transcript.
    /// </summary>
    private AdmissionResult? Unaffordable(Account account, Model stt)
    {
        if (!catalog.PlanOrFree(account.Plan).CanUse(stt))
        {
            return new AdmissionResult.PlanRequired(stt, catalog.PlansUnlocking(stt));
        }

        var price = Pricing.Quote(stt, null) is PriceQuote.Priced p ? p.Price : stt.MinPrice;
        return account.Balance < price ? new AdmissionResult.InsufficientTokens(price, account.Balance) : null;
    }

    private async Task<string?> RecogniseAsync(MediaUser user, Model stt, MediaInput audio, int replyTo, CancellationToken ct)
    {
        string kind;
        try
        {
            var outcome = await speech.TranscribeAsync(new TranscriptionRequest(stt, audio), ct);
            if (outcome is ProviderOutcome.Done { Result.Text: { } text } && !string.IsNullOrWhiteSpace(text))
            {
                return text.Trim();
            }

            kind = outcome is ProviderOutcome.Done ? "empty_transcript" : "unavailable";
        }
        catch (ProviderException ex)
        {
            LogFailed(logger, ex, stt.Slug, user.ChatId);
            kind = ex.KindName;
        }

        await ReplyAsync(user, texts.Get(user.Language, "refusal.failed." + kind), replyTo, ct);
        return null;
    }

    private Task ReplyAsync(MediaUser user, string text, int replyTo, CancellationToken ct) =>
        bot.SendMessage(user.ChatId, text, replyParameters: new ReplyParameters { MessageId = replyTo, AllowSendingWithoutReply = true }, cancellationToken: ct);

    [LoggerMessage(LogLevel.Information, "A voice message in chat {ChatId} could not be downloaded")]
    private static partial void LogUnusable(ILogger logger, Exception exception, long chatId);

    [LoggerMessage(LogLevel.Warning, "Transcribing a voice prompt with {Model} in chat {ChatId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string model, long chatId);
}
