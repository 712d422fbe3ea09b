namespace ElumentaBot.BotApi;

/// <summary>
/// The Bot API as the product layers see it. Chat-bound sends are paced, 429s are waited out,
/// group migrations are followed, and a block marks the account unreachable before the error surfaces.
/// </summary>
public interface IBotApi
{
    Task<User> GetMe(CancellationToken ct = default);

    Task<Update[]> GetUpdates(GetUpdatesRequest request, CancellationToken ct = default);

    /// <summary>getUpdates with each update's raw JSON kept (for the inbox).</summary>
    Task<IReadOnlyList<RawUpdate>> GetRawUpdates(GetUpdatesRequest request, CancellationToken ct = default);

    Task<bool> DeleteWebhook(bool dropPendingUpdates = false, CancellationToken ct = default);

    Task<bool> SetMyCommands(SetMyCommandsRequest request, CancellationToken ct = default);

    Task<Message> SendMessage(SendMessageRequest request, CancellationToken ct = default);

    /// <summary>Returns null when Telegram reports "message is not modified" (treated as success).</summary>
    Task<Message?> EditMessageText(EditMessageTextRequest request, CancellationToken ct = default);

    Task<Message?> EditMessageReplyMarkup(EditMessageReplyMarkupRequest request, CancellationToken ct = default);

    Task<bool> DeleteMessage(long chatId, int messageId, CancellationToken ct = default);

    Task<bool> SendMessageDraft(SendMessageDraftRequest request, CancellationToken ct = default);

    Task<bool> SendChatAction(long chatId, string action, CancellationToken ct = default);

    Task<Message> SendPhoto(SendPhotoRequest request, CancellationToken ct = default);

    Task<Message> SendVideo(SendVideoRequest request, CancellationToken ct = default);

    Task<Message> SendAudio(SendAudioRequest request, CancellationToken ct = default);

    Task<Message> SendVoice(SendVoiceRequest request, CancellationToken ct = default);

    Task<Message> SendDocument(SendDocumentRequest request, CancellationToken ct = default);

    Task<BotApiFile> GetFile(string fileId, CancellationToken ct = default);

    Task DownloadFile(string filePath, Stream destination, CancellationToken ct = default);

    /// <summary>Returns false when the query was too old to answer (ignored, as Telegram has given up on it).</summary>
    Task<bool> AnswerCallbackQuery(AnswerCallbackQueryRequest request, CancellationToken ct = default);

    Task<Message> SendInvoice(SendInvoiceRequest request, CancellationToken ct = default);

    Task<string> CreateInvoiceLink(CreateInvoiceLinkRequest request, CancellationToken ct = default);

    Task<bool> AnswerPreCheckoutQuery(AnswerPreCheckoutQueryRequest request, CancellationToken ct = default);

    Task<bool> RefundStarPayment(long userId, string telegramPaymentChargeId, CancellationToken ct = default);

    Task<bool> EditUserStarSubscription(long userId, string telegramPaymentChargeId, bool isCanceled, CancellationToken ct = default);
}

/// <summary>An update as received: parsed, plus the exact JSON for durable storage.</summary>
public sealed record RawUpdate(Update Update, string Json);

public static class BotApiExtensions
{
    public static Task<Message> SendMessage(this IBotApi api, long chatId, string text, string? parseMode = null,
        ReplyMarkup? replyMarkup = null, ReplyParameters? replyParameters = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.SendMessage(new SendMessageRequest
        {
            ChatId = chatId, Text = text, ParseMode = parseMode, ReplyMarkup = replyMarkup, ReplyParameters = replyParameters,
        }, ct);
    }

    public static Task<Message?> EditMessageText(this IBotApi api, long chatId, int messageId, string text,
        string? parseMode = null, InlineKeyboardMarkup? replyMarkup = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.EditMessageText(new EditMessageTextRequest
        {
            ChatId = chatId, MessageId = messageId, Text = text, ParseMode = parseMode, ReplyMarkup = replyMarkup,
        }, ct);
    }

    public static Task<bool> AnswerCallbackQuery(this IBotApi api, string callbackQueryId, string? text = null,
        bool? showAlert = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.AnswerCallbackQuery(new AnswerCallbackQueryRequest(callbackQueryId) { Text = text, ShowAlert = showAlert }, ct);
    }

    public static Task<bool> AnswerPreCheckoutQuery(this IBotApi api, string preCheckoutQueryId, string? errorMessage = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.AnswerPreCheckoutQuery(new AnswerPreCheckoutQueryRequest(preCheckoutQueryId, errorMessage is null, errorMessage), ct);
    }
}
