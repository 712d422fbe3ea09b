using System.Text.Json.Serialization;

namespace ElumentaBot.BotApi;

/// <summary>Any <c>reply_markup</c>; serialised by its runtime type.</summary>
[JsonDerivedType(typeof(InlineKeyboardMarkup))]
[JsonDerivedType(typeof(ReplyKeyboardMarkup))]
[JsonDerivedType(typeof(ReplyKeyboardRemove))]
public abstract record ReplyMarkup;

public sealed record InlineKeyboardMarkup(InlineKeyboardButton[][] InlineKeyboard) : ReplyMarkup;

public sealed record InlineKeyboardButton
{
    public string Text { get; init; } = "";
    public string? Url { get; init; }
    public string? CallbackData { get; init; }
    public bool? Pay { get; init; }
    public string? Style { get; init; }

    public static InlineKeyboardButton WithCallback(string text, string data) => new() { Text = text, CallbackData = data };

    public static InlineKeyboardButton WithUrl(string text, string url) => new() { Text = text, Url = url };

    public static InlineKeyboardButton WithPay(string text) => new() { Text = text, Pay = true };
}

public sealed record ReplyKeyboardMarkup(KeyboardButton[][] Keyboard) : ReplyMarkup
{
    public bool? IsPersistent { get; init; }
    public bool? ResizeKeyboard { get; init; }
    public bool? OneTimeKeyboard { get; init; }
    public string? InputFieldPlaceholder { get; init; }
}

public sealed record KeyboardButton(string Text);

public sealed record ReplyKeyboardRemove : ReplyMarkup
{
    public bool RemoveKeyboard { get; init; } = true;
}

public sealed record ReplyParameters
{
    public int MessageId { get; init; }
    public long? ChatId { get; init; }
    public bool? AllowSendingWithoutReply { get; init; }
}

public sealed record LinkPreviewOptions
{
    public bool? IsDisabled { get; init; }
}

public sealed record BotCommand(string Command, string Description);

/// <summary><c>{"type":"all_private_chats"}</c> and friends.</summary>
public sealed record BotCommandScope(string Type)
{
    public long? ChatId { get; init; }
    public long? UserId { get; init; }

    public static BotCommandScope Default { get; } = new("default");
    public static BotCommandScope AllPrivateChats { get; } = new("all_private_chats");
    public static BotCommandScope AllGroupChats { get; } = new("all_group_chats");
    public static BotCommandScope ForChat(long chatId) => new("chat") { ChatId = chatId };
}

public static class ParseMode
{
    public const string Html = "HTML";
    public const string MarkdownV2 = "MarkdownV2";
}

public static class ChatAction
{
    public const string Typing = "typing";
    public const string UploadPhoto = "upload_photo";
    public const string UploadVideo = "upload_video";
    public const string RecordVoice = "record_voice";
    public const string UploadDocument = "upload_document";
}
