using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElumentaBot.BotApi;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ApiResponse))]
[JsonSerializable(typeof(Update))]
[JsonSerializable(typeof(Update[]))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(BotApiFile))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(GetUpdatesRequest))]
[JsonSerializable(typeof(EmptyRequest))]
[JsonSerializable(typeof(DeleteWebhookRequest))]
[JsonSerializable(typeof(SetMyCommandsRequest))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(EditMessageTextRequest))]
[JsonSerializable(typeof(EditMessageReplyMarkupRequest))]
[JsonSerializable(typeof(DeleteMessageRequest))]
[JsonSerializable(typeof(SendMessageDraftRequest))]
[JsonSerializable(typeof(SendChatActionRequest))]
[JsonSerializable(typeof(SendPhotoRequest))]
[JsonSerializable(typeof(SendVideoRequest))]
[JsonSerializable(typeof(SendAudioRequest))]
[JsonSerializable(typeof(SendVoiceRequest))]
[JsonSerializable(typeof(SendDocumentRequest))]
[JsonSerializable(typeof(GetFileRequest))]
[JsonSerializable(typeof(AnswerCallbackQueryRequest))]
[JsonSerializable(typeof(SendInvoiceRequest))]
[JsonSerializable(typeof(CreateInvoiceLinkRequest))]
[JsonSerializable(typeof(AnswerPreCheckoutQueryRequest))]
[JsonSerializable(typeof(RefundStarPaymentRequest))]
[JsonSerializable(typeof(EditUserStarSubscriptionRequest))]
public sealed partial class BotApiJson : JsonSerializerContext;
