using Elumenta.Core.Catalog;
using Elumenta.Providers;
using ElumentaBot.Chat.Conversations;
using ElumentaBot.Chat.Delivery;
using Telegram.Bot.Types.Enums;

namespace ElumentaBot.Chat.Running;

public sealed partial class ChatRunner
{
    private const int HistoryRows = 500;
    private const int DefaultContextChars = 24_000;

    /// <summary>Downloads media before admission, so a failed download reserves nothing.</summary>
    private async Task<PreparedRequest> PrepareAsync(ChatJob job, CancellationToken ct)
    {
        switch (job.Input)
        {
            case ChatInput.Text text:
                return new PreparedRequest(text.Value);
            case ChatInput.Photo photo:
                files.CheckSize(photo.FileSize);
                return await PhotoAsync(job, photo.FileId, photo.Caption, ct);
            case ChatInput.Voice voice:
                files.CheckSize(voice.FileSize);
                return await VoiceAsync(voice.FileId, voice.MimeType, voice.SttSlug, ct);
            case ChatInput.Retry retry:
                var turn = retry.Turn;
                var prepared = turn switch
                {
                    { MediaKind: "photo", FileId: { } fileId } => await PhotoAsync(job, fileId, turn.Text, ct),
                    { MediaKind: "voice", FileId: { } fileId, Text: "" } => await VoiceAsync(fileId, null, retry.SttSlug, ct),
                    _ => new PreparedRequest(turn.Text),
                };
                return prepared with { Reused = turn };
            default:
                throw new InvalidOperationException($"Unknown chat input {job.Input.GetType().Name}.");
        }
    }

    private async Task<PreparedRequest> PhotoAsync(ChatJob job, string fileId, string? caption, CancellationToken ct)
    {
        var bytes = await files.DownloadAsync(fileId, ct);
        var prompt = string.IsNullOrWhiteSpace(caption) ? texts.Get(job.Language, "chat.photo_prompt") : caption;
        return new PreparedRequest(prompt)
        {
            Images = [MediaInput.FromBytes(bytes, "image/jpeg", "photo.jpg")], MediaKind = "photo", FileId = fileId,
        };
    }

    private async Task<PreparedRequest> VoiceAsync(string fileId, string? mimeType, string sttSlug, CancellationToken ct)
    {
        var bytes = await files.DownloadAsync(fileId, ct);
        return new PreparedRequest(null)
        {
            Voice = MediaInput.FromBytes(bytes, mimeType ?? "audio/ogg", "voice.ogg"), SttSlug = sttSlug, MediaKind = "voice", FileId = fileId,
        };
    }

    /// <summary>The user turn is kept from admission on, so a Retry can re-run it; a Retry moves it to the new generation.</summary>
    private async Task<StoredMessage> RecordUserTurnAsync(ChatJob job, Model model, PreparedRequest prepared, long generationId, CancellationToken ct)
    {
        if (prepared.Reused is { } reused)
        {
            await conversations.UpdateTurnAsync(reused.Id, reused.Text, generationId, ct);
            return reused;
        }

        var conversationId = await conversations.CurrentAsync(job.ChatId, ct);
        return await conversations.AppendAsync(job.ChatId, conversationId, ConversationStore.User, prepared.Prompt ?? "", model.Slug,
            generationId, prepared.MediaKind, prepared.FileId, ct);
    }

    /// <summary>A voice message: transcribe (already paid for by the admission), show the transcript, keep it as the turn.</summary>
    private async Task<StoredMessage> TranscribeAsync(ChatJob job, Model model, PreparedRequest prepared, StoredMessage turn, CancellationToken ct)
    {
        if (prepared.Voice is null || catalog.FindModel(prepared.SttSlug ?? "") is not { } stt)
        {
            return turn;
        }

        var outcome = await speech.TranscribeAsync(new TranscriptionRequest(stt, prepared.Voice), ct);
        var transcript = outcome is ProviderOutcome.Done done ? done.Result.Text?.Trim() : null;
        if (outcome is not ProviderOutcome.Done)
        {
            throw new ProviderException(ProviderErrorKind.Unavailable, stt.Provider, $"{stt.Slug} answered with a job instead of a transcript.");
        }

        if (string.IsNullOrEmpty(transcript))
        {
            throw new ProviderException(ProviderErrorKind.InvalidInput, stt.Provider, "No speech recognised.", code: "empty_transcript");
        }

        if (model.MaxPromptChars is { } max && transcript.Length > max)
        {
            throw new ProviderException(ProviderErrorKind.InvalidInput, model.Provider, $"The transcript has {transcript.Length} characters; {model.Slug} takes {max}.");
        }

        await conversations.UpdateTurnAsync(turn.Id, transcript, null, ct);
        await delivery.SendAsync(ChatTarget.Of(job), texts.Get(job.Language, "chat.transcript", ("text", transcript)), ParseMode.None, null, reply: true, ct);
        return new StoredMessage
        {
            Id = turn.Id, ChatId = turn.ChatId, ConversationId = turn.ConversationId, Role = turn.Role, Text = transcript,
            Model = turn.Model, GenerationId = turn.GenerationId, MediaKind = turn.MediaKind, FileId = turn.FileId,
        };
    }

    /// <summary>The stored conversation up to this turn, trimmed to the model's budget; the first trim of a conversation is announced once.</summary>
    private async Task<ConversationHistory> HistoryAsync(ChatJob job, Model model, PreparedRequest prepared, StoredMessage turn, CancellationToken ct)
    {
        var stored = await conversations.NewestFirstAsync(turn.ConversationId, turn.Id, HistoryRows, ct);
        var history = ConversationHistory.Build(stored, model.ContextChars ?? DefaultContextChars, prepared.Images,
            texts.Get(job.Language, "chat.image_placeholder"));
        if (history.Trimmed && await conversations.ClaimTrimNoticeAsync(turn.ConversationId, ct))
        {
            await delivery.SendAsync(ChatTarget.Of(job), texts.Get(job.Language, "chat.trimmed", ("model", model.Name)), ParseMode.None, null, reply: false, ct);
        }

        return history;
    }
}
