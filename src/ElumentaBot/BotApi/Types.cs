using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElumentaBot.BotApi;

// Wire types: only the fields the bot reads. Unknown fields are ignored by System.Text.Json,
// and every optional field is nullable so a missing one never throws.

public sealed record Update
{
    public int UpdateId { get; set; }
    public Message? Message { get; set; }
    public Message? EditedMessage { get; set; }
    public CallbackQuery? CallbackQuery { get; set; }
    public PreCheckoutQuery? PreCheckoutQuery { get; set; }
    public ChatMemberUpdated? MyChatMember { get; set; }
    public MessageGenerationStopped? StoppedMessageGeneration { get; set; }
    public BotSubscriptionUpdated? Subscription { get; set; }
}

public sealed record User
{
    public long Id { get; set; }
    public bool IsBot { get; set; }
    public string FirstName { get; set; } = "";
    public string? LastName { get; set; }
    public string? Username { get; set; }
    public string? LanguageCode { get; set; }
    public bool? IsPremium { get; set; }
}

public sealed record Chat
{
    public long Id { get; set; }
    public string Type { get; set; } = "private";
    public string? Title { get; set; }
    public string? Username { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public bool? IsForum { get; set; }

    [JsonIgnore]
    public bool IsPrivate => Type == "private";
}

public sealed record Message
{
    public int MessageId { get; set; }
    public int? MessageThreadId { get; set; }
    public long Date { get; set; }
    public Chat Chat { get; set; } = new();
    public User? From { get; set; }
    public string? Text { get; set; }
    public MessageEntity[]? Entities { get; set; }
    public string? Caption { get; set; }
    public MessageEntity[]? CaptionEntities { get; set; }
    public PhotoSize[]? Photo { get; set; }
    public Voice? Voice { get; set; }
    public Audio? Audio { get; set; }
    public Document? Document { get; set; }
    public Video? Video { get; set; }
    public Message? ReplyToMessage { get; set; }
    public InlineKeyboardMarkup? ReplyMarkup { get; set; }
    public SuccessfulPayment? SuccessfulPayment { get; set; }
    public RefundedPayment? RefundedPayment { get; set; }

    /// <summary>A callback's message is "inaccessible" (deleted or too old) when its date is 0.</summary>
    [JsonIgnore]
    public bool IsInaccessible => Date == 0;
}

public sealed record MessageEntity
{
    public string Type { get; set; } = "";
    public int Offset { get; set; }
    public int Length { get; set; }
    public string? Url { get; set; }
    public User? User { get; set; }
    public string? Language { get; set; }
    public string? CustomEmojiId { get; set; }
}

public sealed record CallbackQuery
{
    public string Id { get; set; } = "";
    public User From { get; set; } = new();
    public Message? Message { get; set; }
    public string? InlineMessageId { get; set; }
    public string? ChatInstance { get; set; }
    public string? Data { get; set; }
}

public sealed record ChatMemberUpdated
{
    public Chat Chat { get; set; } = new();
    public User From { get; set; } = new();
    public long Date { get; set; }
    public ChatMember? OldChatMember { get; set; }
    public ChatMember? NewChatMember { get; set; }
}

public sealed record ChatMember
{
    public string Status { get; set; } = "";
    public User? User { get; set; }
}

public sealed record MessageGenerationStopped
{
    public Chat Chat { get; set; } = new();
    public int? MessageThreadId { get; set; }
    public long DraftId { get; set; }
}

public sealed record BotSubscriptionUpdated
{
    public User User { get; set; } = new();
    public string? InvoicePayload { get; set; }
    public string? State { get; set; }
}

public sealed record BotApiFile
{
    public string FileId { get; set; } = "";
    public string FileUniqueId { get; set; } = "";
    public long? FileSize { get; set; }
    public string? FilePath { get; set; }
}

public sealed record PhotoSize
{
    public string FileId { get; set; } = "";
    public string FileUniqueId { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public long? FileSize { get; set; }
}

public sealed record Voice
{
    public string FileId { get; set; } = "";
    public string FileUniqueId { get; set; } = "";
    public int Duration { get; set; }
    public string? MimeType { get; set; }
    public long? FileSize { get; set; }
}

public sealed record Audio
{
    public string FileId { get; set; } = "";
    public string FileUniqueId { get; set; } = "";
    public int Duration { get; set; }
    public string? Performer { get; set; }
    public string? Title { get; set; }
    public string? FileName { get; set; }
    public string? MimeType { get; set; }
    public long? FileSize { get; set; }
}

public sealed record Video
{
    public string FileId { get; set; } = "";
    public string FileUniqueId { get; set; } = "";
    public int Width { get; set; }
    public int Height { get; set; }
    public int Duration { get; set; }
    public string? MimeType { get; set; }
    public long? FileSize { get; set; }
}

public sealed record Document
{
    public string FileId { get; set; } = "";
    public string FileUniqueId { get; set; } = "";
    public string? FileName { get; set; }
    public string? MimeType { get; set; }
    public long? FileSize { get; set; }
}

/// <summary>The envelope every method answers with; <c>result</c> is kept raw and typed afterwards.</summary>
public sealed record ApiResponse
{
    public bool Ok { get; set; }
    public JsonElement? Result { get; set; }
    public string? Description { get; set; }
    public int? ErrorCode { get; set; }
    public ResponseParameters? Parameters { get; set; }
}

public sealed record ResponseParameters
{
    public int? RetryAfter { get; set; }
    public long? MigrateToChatId { get; set; }
}
