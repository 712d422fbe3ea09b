using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ElumentaBot.Outbound;
using Microsoft.Extensions.Options;

namespace ElumentaBot.BotApi;

/// <summary>The <see cref="IBotApi"/> implementation: method name, JSON types and timeout per call; policy around sends.</summary>
public sealed class BotApiClient(BotApiTransport transport, OutboundPolicy policy, IOptions<TelegramOptions> options) : IBotApi
{
    private static BotApiJson J => BotApiJson.Default;

    private readonly TimeSpan _timeout = TimeSpan.FromSeconds(options.Value.RequestTimeoutSeconds);
    private readonly TimeSpan _uploadTimeout = TimeSpan.FromSeconds(options.Value.UploadTimeoutSeconds);
    private readonly TimeSpan _pollMargin = TimeSpan.FromSeconds(Math.Max(15, options.Value.RequestTimeoutSeconds / 2));

    public Task<User> GetMe(CancellationToken ct = default) =>
        Call("getMe", new EmptyRequest(), J.EmptyRequest, J.User, ct);

    public async Task<Update[]> GetUpdates(GetUpdatesRequest request, CancellationToken ct = default) =>
        [.. (await GetRawUpdates(request, ct)).Select(u => u.Update)];

    // Not wrapped in the flood policy: the poller owns getUpdates' retries and backoff.
    public async Task<IReadOnlyList<RawUpdate>> GetRawUpdates(GetUpdatesRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timeout = TimeSpan.FromSeconds(request.Timeout ?? 0) + _pollMargin;
        var result = await transport.PostAsync("getUpdates", request, J.GetUpdatesRequest, J.JsonElement, timeout, ct);
        var list = new List<RawUpdate>(result.GetArrayLength());
        foreach (var element in result.EnumerateArray())
        {
            list.Add(new RawUpdate(element.Deserialize(J.Update)!, element.GetRawText()));
        }

        return list;
    }

    public Task<bool> DeleteWebhook(bool dropPendingUpdates = false, CancellationToken ct = default) =>
        Call("deleteWebhook", new DeleteWebhookRequest(dropPendingUpdates), J.DeleteWebhookRequest, J.Boolean, ct);

    public Task<bool> SetMyCommands(SetMyCommandsRequest request, CancellationToken ct = default) =>
        Call("setMyCommands", request, J.SetMyCommandsRequest, J.Boolean, ct);

    public Task<Message> SendMessage(SendMessageRequest request, CancellationToken ct = default) =>
        Send("sendMessage", request, J.SendMessageRequest, J.Message, ct);

    public async Task<Message?> EditMessageText(EditMessageTextRequest request, CancellationToken ct = default)
    {
        try
        {
            // An inline message answers true instead of a Message; the product only edits chat messages.
            return await Send("editMessageText", request, J.EditMessageTextRequest, J.Message, ct);
        }
        catch (BotApiException ex) when (ex.IsMessageNotModified)
        {
            return null;
        }
    }

    public async Task<Message?> EditMessageReplyMarkup(EditMessageReplyMarkupRequest request, CancellationToken ct = default)
    {
        try
        {
            return await Send("editMessageReplyMarkup", request, J.EditMessageReplyMarkupRequest, J.Message, ct);
        }
        catch (BotApiException ex) when (ex.IsMessageNotModified)
        {
            return null;
        }
    }

    public Task<bool> DeleteMessage(long chatId, int messageId, CancellationToken ct = default) =>
        Send("deleteMessage", new DeleteMessageRequest { ChatId = chatId, MessageId = messageId }, J.DeleteMessageRequest, J.Boolean, ct, paced: false);

    public Task<bool> SendMessageDraft(SendMessageDraftRequest request, CancellationToken ct = default) =>
        Send("sendMessageDraft", request, J.SendMessageDraftRequest, J.Boolean, ct);

    public Task<bool> SendChatAction(long chatId, string action, CancellationToken ct = default) =>
        Send("sendChatAction", new SendChatActionRequest { ChatId = chatId, Action = action }, J.SendChatActionRequest, J.Boolean, ct, paced: false);

    public Task<Message> SendPhoto(SendPhotoRequest request, CancellationToken ct = default) =>
        Send("sendPhoto", request, J.SendPhotoRequest, J.Message, ct);

    public Task<Message> SendVideo(SendVideoRequest request, CancellationToken ct = default) =>
        Send("sendVideo", request, J.SendVideoRequest, J.Message, ct);

    public Task<Message> SendAudio(SendAudioRequest request, CancellationToken ct = default) =>
        Send("sendAudio", request, J.SendAudioRequest, J.Message, ct);

    public Task<Message> SendVoice(SendVoiceRequest request, CancellationToken ct = default) =>
        Send("sendVoice", request, J.SendVoiceRequest, J.Message, ct);

    public Task<Message> SendDocument(SendDocumentRequest request, CancellationToken ct = default) =>
        Send("sendDocument", request, J.SendDocumentRequest, J.Message, ct);

    public Task<BotApiFile> GetFile(string fileId, CancellationToken ct = default) =>
        Call("getFile", new GetFileRequest(fileId), J.GetFileRequest, J.BotApiFile, ct);

    public Task DownloadFile(string filePath, Stream destination, CancellationToken ct = default) =>
        transport.DownloadAsync(filePath, destination, _uploadTimeout, ct);

    public async Task<bool> AnswerCallbackQuery(AnswerCallbackQueryRequest request, CancellationToken ct = default)
    {
        try
        {
            return await Call("answerCallbackQuery", request, J.AnswerCallbackQueryRequest, J.Boolean, ct);
        }
        catch (BotApiException ex) when (ex.IsQueryTooOld)
        {
            return false;
        }
    }

    public Task<Message> SendInvoice(SendInvoiceRequest request, CancellationToken ct = default) =>
        Send("sendInvoice", request, J.SendInvoiceRequest, J.Message, ct);

    public Task<string> CreateInvoiceLink(CreateInvoiceLinkRequest request, CancellationToken ct = default) =>
        Call("createInvoiceLink", request, J.CreateInvoiceLinkRequest, J.String, ct);

    public Task<bool> AnswerPreCheckoutQuery(AnswerPreCheckoutQueryRequest request, CancellationToken ct = default) =>
        Call("answerPreCheckoutQuery", request, J.AnswerPreCheckoutQueryRequest, J.Boolean, ct);

    public Task<bool> RefundStarPayment(long userId, string telegramPaymentChargeId, CancellationToken ct = default) =>
        Call("refundStarPayment", new RefundStarPaymentRequest(userId, telegramPaymentChargeId), J.RefundStarPaymentRequest, J.Boolean, ct);

    public Task<bool> EditUserStarSubscription(long userId, string telegramPaymentChargeId, bool isCanceled, CancellationToken ct = default) =>
        Call("editUserStarSubscription", new EditUserStarSubscriptionRequest(userId, telegramPaymentChargeId, isCanceled),
            J.EditUserStarSubscriptionRequest, J.Boolean, ct);

    private Task<TResult> Call<TRequest, TResult>(string method, TRequest request, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken ct) =>
        policy.CallAsync(method, () => transport.PostAsync(method, request, requestInfo, resultInfo, _timeout, ct), ct);

    private Task<TResult> Send<TRequest, TResult>(string method, TRequest request, JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResult> resultInfo, CancellationToken ct, bool paced = true)
        where TRequest : ChatRequest
    {
        var timeout = request is MediaRequest { Media.IsUpload: true } ? _uploadTimeout : _timeout;
        return policy.SendAsync(method, request, paced,
            r => transport.PostAsync(method, r, requestInfo, resultInfo, timeout, ct), ct);
    }
}
