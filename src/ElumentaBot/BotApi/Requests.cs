using System.Text.Json.Serialization;

namespace ElumentaBot.BotApi;

/// <summary>A request aimed at one chat: paced per chat and re-sent with a new id after a group migration.</summary>
public abstract record ChatRequest
{
    public long ChatId { get; init; }
}

/// <summary>A send* request with one file and a caption.</summary>
public abstract record MediaRequest : ChatRequest
{
    [JsonIgnore]
    public abstract InputFile Media { get; }

    public string? Caption { get; init; }
    public string? ParseMode { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public ReplyMarkup? ReplyMarkup { get; init; }
    public bool? DisableNotification { get; init; }
}

public sealed record GetUpdatesRequest(int? Offset, int? Limit, int? Timeout, string[]? AllowedUpdates);

public sealed record EmptyRequest;

public sealed record DeleteWebhookRequest(bool? DropPendingUpdates);

public sealed record SetMyCommandsRequest(BotCommand[] Commands, BotCommandScope? Scope = null, string? LanguageCode = null);

public sealed record SendMessageRequest : ChatRequest
{
    public string Text { get; init; } = "";
    public string? ParseMode { get; init; }
    public MessageEntity[]? Entities { get; init; }
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    public ReplyParameters? ReplyParameters { get; init; }
    public ReplyMarkup? ReplyMarkup { get; init; }
    public bool? DisableNotification { get; init; }
    public bool? ProtectContent { get; init; }
    public int? MessageThreadId { get; init; }
}

public sealed record EditMessageTextRequest : ChatRequest
{
    public int MessageId { get; init; }
    public string Text { get; init; } = "";
    public string? ParseMode { get; init; }
    public MessageEntity[]? Entities { get; init; }
    public LinkPreviewOptions? LinkPreviewOptions { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

public sealed record EditMessageReplyMarkupRequest : ChatRequest
{
    public int MessageId { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

public sealed record DeleteMessageRequest : ChatRequest
{
    public int MessageId { get; init; }
}

public sealed record SendMessageDraftRequest : ChatRequest
{
    public long DraftId { get; init; }
    public string? Text { get; init; }
    public string? ParseMode { get; init; }
    public int? MessageThreadId { get; init; }
    public bool? CanStop { get; init; }
    public bool? KeepOnStop { get; init; }
}

public sealed record SendChatActionRequest : ChatRequest
{
    public string Action { get; init; } = ChatAction.Typing;
    public int? MessageThreadId { get; init; }
}

public sealed record SendPhotoRequest(InputFile Photo) : MediaRequest
{
    public override InputFile Media => Photo;
}

public sealed record SendVideoRequest(InputFile Video) : MediaRequest
{
    public override InputFile Media => Video;
    public int? Duration { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public bool? SupportsStreaming { get; init; }
}

public sealed record SendAudioRequest(InputFile Audio) : MediaRequest
{
    public override InputFile Media => Audio;
    public int? Duration { get; init; }
    public string? Performer { get; init; }
    public string? Title { get; init; }
}

public sealed record SendVoiceRequest(InputFile Voice) : MediaRequest
{
    public override InputFile Media => Voice;
    public int? Duration { get; init; }
}

public sealed record SendDocumentRequest(InputFile Document) : MediaRequest
{
    public override InputFile Media => Document;
}

public sealed record GetFileRequest(string FileId);

public sealed record AnswerCallbackQueryRequest(string CallbackQueryId)
{
    public string? Text { get; init; }
    public bool? ShowAlert { get; init; }
    public string? Url { get; init; }
    public int? CacheTime { get; init; }
}

public sealed record SendInvoiceRequest : ChatRequest
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Payload { get; init; } = "";
    public string Currency { get; init; } = "XTR";
    public LabeledPrice[] Prices { get; init; } = [];
    public string? ProviderToken { get; init; }
    public string? StartParameter { get; init; }
    public string? PhotoUrl { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
}

public sealed record CreateInvoiceLinkRequest
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string Payload { get; init; } = "";
    public string Currency { get; init; } = "XTR";
    public LabeledPrice[] Prices { get; init; } = [];
    public int? SubscriptionPeriod { get; init; }
    public string? PhotoUrl { get; init; }
}

// Ok and IsCanceled are non-nullable on purpose: false must reach Telegram.
public sealed record AnswerPreCheckoutQueryRequest(string PreCheckoutQueryId, bool Ok, string? ErrorMessage = null);

public sealed record RefundStarPaymentRequest(long UserId, string TelegramPaymentChargeId);

public sealed record EditUserStarSubscriptionRequest(long UserId, string TelegramPaymentChargeId, bool IsCanceled);
