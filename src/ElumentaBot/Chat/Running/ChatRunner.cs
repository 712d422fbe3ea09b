using ElumentaBot.Transport;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers;
using ElumentaBot.Chat.Conversations;
using ElumentaBot.Chat.Delivery;
using ElumentaBot.Ui;
using ElumentaBot.Chat.Streaming;
using ElumentaBot.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Chat.Running;

/// <summary>
/// Runs one chat job: prepare the input → admit (reserve) → stream the answer → deliver it → capture. Every admitted
/// generation is settled exactly once: captured after delivery, released on failure, cancel or shutdown.
/// </summary>
public sealed partial class ChatRunner(
    ITelegramBotClient bot,
    Admission admission,
    GenerationStore generations,
    ConversationStore conversations,
    ModelCatalog catalog,
    IChatModel chat,
    ISpeechToText speech,
    TelegramFiles files,
    AnswerDelivery delivery,
    RefusalRenderer refusals,
    Localizer texts,
    IOptions<ChatOptions> options,
    TimeProvider time,
    ILogger<ChatRunner> logger)
{
    private readonly ChatOptions _options = options.Value;

    /// <param name="ct">Fires on the user's cancel and on shutdown.</param>
    /// <param name="shutdown">Fires on shutdown only: the job is interrupted rather than canceled.</param>
    public async Task<ChatOutcome> RunAsync(ChatJob job, CancellationToken ct, CancellationToken shutdown)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            return await RunJobAsync(job, ct, shutdown);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Before admission (the store failed under load, say): nothing was reserved, but the user must not be left waiting.
            logger.LogError(ex, "Chat job in chat {ChatId} failed before it was admitted", job.ChatId);
            await RefuseAsync(ChatTarget.Of(job), new Refusal(texts.Get(job.Language, "refusal.failed.error"), null), shutdown);
            return ChatOutcome.Failed;
        }
    }

    private async Task<ChatOutcome> RunJobAsync(ChatJob job, CancellationToken ct, CancellationToken shutdown)
    {
        var target = ChatTarget.Of(job);
        await using var typing = TypingIndicator.Start(bot, job.ChatId, TimeSpan.FromMilliseconds(_options.TypingIntervalMs), time, logger, ct);
        if (catalog.FindModel(job.ModelSlug) is not { Category: ModelCategory.Text } model)
        {
            return await RefuseAsync(target, refusals.Render(new AdmissionResult.InvalidRequest(InvalidReason.UnknownModel), job.Language), shutdown);
        }

        PreparedRequest prepared;
        try
        {
            prepared = await PrepareAsync(job, ct);
        }
        catch (ChatInputException ex)
        {
            logger.LogInformation(ex, "Input of a chat job in chat {ChatId} is unusable", job.ChatId);
            return await RefuseAsync(target, InputRefusal(ex, job.Language), shutdown);
        }

        var result = await admission.AdmitAsync(new AdmissionRequest(job.AccountId, model.Slug)
        {
            ChatId = job.ChatId, Prompt = prepared.Prompt, AlsoCharge = prepared.AlsoCharge, Once = job.Completion is null ? null : job.Completion.TakeAsync,
        }, ct);
        if (result is AdmissionResult.Admitted or AdmissionResult.Repeated)
        {
            job.Completion?.Taken();
        }

        if (result is AdmissionResult.Repeated)
        {
            // Another run of this update (an instance that took the chat over, or before a restart) admitted it.
            logger.LogInformation("Chat job of update {UpdateId} in chat {ChatId} was already admitted elsewhere", job.UpdateId, job.ChatId);
            return ChatOutcome.Refused;
        }

        if (result is not AdmissionResult.Admitted admitted)
        {
            return await RefuseAsync(target, refusals.Render(result, job.Language), shutdown);
        }

        return await RunAdmittedAsync(job, model, prepared, admitted.GenerationId, typing, ct, shutdown);
    }

    private async Task<ChatOutcome> RunAdmittedAsync(ChatJob job, Model model, PreparedRequest prepared, long generationId,
        TypingIndicator typing, CancellationToken ct, CancellationToken shutdown)
    {
        var target = ChatTarget.Of(job);
        ILiveView? view = null;
        try
        {
            var turn = await RecordUserTurnAsync(job, model, prepared, generationId, ct);
            turn = await TranscribeAsync(job, model, prepared, turn, ct);
            var history = await HistoryAsync(job, model, prepared, turn, ct);
            view = job.IsPrivate
                ? new DraftView(bot, delivery, target, generationId * 256, _options, logger)
                : new EditView(delivery, target, texts.Get(job.Language, "chat.thinking"), _options, time, id => RecordLiveMessageAsync(generationId, id));
            await view.BeginAsync(ct);
            var stream = new AnswerStream(view, _options.StreamChunkChars, time);
            var answer = await stream.RunAsync(chat.StreamAsync(new Elumenta.Providers.ChatRequest(model, history.Turns), ct), typing.Stop, ct);
            if (string.IsNullOrWhiteSpace(answer))
            {
                return await FailAsync(job, generationId, "empty", "The model returned no text.", view, shutdown);
            }

            // Past this point the answer exists: a late cancel no longer stops its delivery.
            await stream.FinishAsync(shutdown);
            await generations.CompleteAsync(generationId, new GenerationResult { Text = answer }, CancellationToken.None);
            await conversations.AppendAsync(job.ChatId, turn.ConversationId, ConversationStore.Assistant, answer, model.Slug, generationId, ct: CancellationToken.None);
            logger.LogInformation("Chat answer {GenerationId} delivered in chat {ChatId} ({Length} characters)", generationId, job.ChatId, answer.Length);
            return ChatOutcome.Completed;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            return await FailAsync(job, generationId, "interrupted", "The bot stopped while answering.", view, CancellationToken.None, interrupted: true);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await generations.FailAsync(generationId, "canceled", "Canceled by the user.", canceled: true, CancellationToken.None);
            logger.LogInformation("Chat answer {GenerationId} in chat {ChatId} was canceled", generationId, job.ChatId);
            await QuietlyAsync(view?.AbandonAsync(job.IsPrivate ? null : new Refusal(texts.Get(job.Language, "chat.stopped"), null), shutdown), job.ChatId);
            return ChatOutcome.Canceled;
        }
        catch (ProviderException ex)
        {
            logger.LogWarning(ex, "Chat answer {GenerationId} in chat {ChatId} failed at the provider", generationId, job.ChatId);
            return await FailAsync(job, generationId, ex.Code == "empty_transcript" ? "empty_transcript" : ex.KindName, ex.Message, view, shutdown);
        }
        catch (ChatInputException ex)
        {
            await generations.FailAsync(generationId, "input", ex.Message, ct: CancellationToken.None);
            await QuietlyAsync(SendRefusalAsync(target, InputRefusal(ex, job.Language), view, shutdown), job.ChatId);
            return ChatOutcome.Refused;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Chat answer {GenerationId} in chat {ChatId} failed", generationId, job.ChatId);
            return await FailAsync(job, generationId, "error", ex.GetType().Name + ": " + ex.Message, view, shutdown);
        }
    }
}
