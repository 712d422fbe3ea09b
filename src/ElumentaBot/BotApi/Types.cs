using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElumentaBot.BotApi;

// Wire types: only the fields the bot reads. Unknown fields are ignored by System.Text.Json,
// and every optional field is nullable so a missing one never throws.

public sealed record Update
{
    public int UpdateId { get; init; }
    public Message? Message { get; init; }
    public Message? EditedMessage { get; init; }
    public CallbackQuery? CallbackQuery { get; init; }
    public PreCheckoutQuery? PreCheckoutQuery { get; init; }
    public ChatMemberUpdated? MyChatMember { get; init; }
    public MessageGenerationStopped? StoppedMessageGeneration { get; init; }
    public BotSubscriptionUpdated? Subscription { get; init; }
}

public sealed record User
{
    public long Id { get; init; }
    public bool IsBot { get; init; }
    public string FirstName { get; init; } = "";
    public string? LastName { get; init; }
    public string? Username { get; init; }
    public string? LanguageCode { get; init; }
    public bool? IsPremium { get; init; }
}

public sealed record Chat
{
    public long Id { get; init; }
    public string Type { get; init; } = "private";
    public string? Title { get; init; }
    public string? Username { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public bool? IsForum { get; init; }

    [JsonIgnore]
    public bool IsPrivate => Type == "private";
}

public sealed record Message
{
    public int MessageId { get; init; }
    public int? MessageThreadId { get; init; }
    public long Date { get; init; }
    public Chat Chat { get; init; } = new();
    public User? From { get; init; }
    public string? Text { get; init; }
    public MessageEntity[]? Entities { get; init; }
    public string? Caption { get; init; }
    public MessageEntity[]? CaptionEntities { get; init; }
    public PhotoSize[]? Photo { get; init; }
    public Voice? Voice { get; init; }
    public Audio? Audio { get; init; }
    public Document? Document { get; init; }
    public Message? ReplyToMessage { get; init; }
    public InlineKeyboardMarkup? ReplyMarkup { get; init; }
    public SuccessfulPayment? SuccessfulPayment { get; init; }
    public RefundedPayment? RefundedPayment { get; init; }

    /// <summary>A callback's message is "inaccessible" (deleted or too old) when its date is 0.</summary>
    [JsonIgnore]
    public bool IsInaccessible => Date == 0;
}

public sealed record MessageEntity
{
    public string Type { get; init; } = "";
    public int Offset { get; init; }
    public int Length { get; init; }
    public string? Url { get; init; }
    public User? User { get; init; }
    public string? Language { get; init; }
    public string? CustomEmojiId { get; init; }
}

public sealed record CallbackQuery
{
    public string Id { get; init; } = "";
    public User From { get; init; } = new();
    public Message? Message { get; init; }
    public string? InlineMessageId { get; init; }
    public string? ChatInstance { get; init; }
    public string? Data { get; init; }
}

public sealed record ChatMemberUpdated
{
    public Chat Chat { get; init; } = new();
    public User From { get; init; } = new();
    public long Date { get; init; }
    public ChatMember? OldChatMember { get; init; }
    public ChatMember? NewChatMember { get; init; }
}

public sealed record ChatMember
{
    public string Status { get; init; } = "";
    public User? User { get; init; }
}

public sealed record MessageGenerationStopped
{
    public Chat Chat { get; init; } = new();
    public int? MessageThreadId { get; init; }
    public long DraftId { get; init; }
}

public sealed record BotSubscriptionUpdated
{
    public User User { get; init; } = new();
    public string? InvoicePayload { get; init; }
    public string? State { get; init; }
}

public sealed record BotApiFile
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public long? FileSize { get; init; }
    public string? FilePath { get; init; }
}

public sealed record PhotoSize
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
    public long? FileSize { get; init; }
}

public sealed record Voice
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public int Duration { get; init; }
    public string? MimeType { get; init; }
    public long? FileSize { get; init; }
}

public sealed record Audio
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public int Duration { get; init; }
    public string? Performer { get; init; }
    public string? Title { get; init; }
    public string? FileName { get; init; }
    public string? MimeType { get; init; }
    public long? FileSize { get; init; }
}

public sealed record Document
{
    public string FileId { get; init; } = "";
    public string FileUniqueId { get; init; } = "";
    public string? FileName { get; init; }
    public string? MimeType { get; init; }
    public long? FileSize { get; init; }
}

/// <summary>The envelope every method answers with; <c>result</c> is kept raw and typed afterwards.</summary>
public sealed record ApiResponse
{
    public bool Ok { get; init; }
    public JsonElement? Result { get; init; }
    public string? Description { get; init; }
    public int? ErrorCode { get; init; }
    public ResponseParameters? Parameters { get; init; }
}

public sealed record ResponseParameters
{
    public int? RetryAfter { get; init; }
    public long? MigrateToChatId { get; init; }
}
