using System.Text.Json.Nodes;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Chat;

/// <summary>User-side updates the transport's fake does not build yet: photos, voice, addressed group text.</summary>
internal static class FakeUserUpdates
{
    public const string BotUsername = "elumenta_sandbox_bot";
    private static int _messageId = 2_000_000;

    public static int SendPhoto(this FakeBot fake, long chatId, string fileId, byte[] content, string? caption = null, long? userId = null)
    {
        fake.AddFile(fileId, content);
        var message = Message(chatId, userId ?? chatId);
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = fileId + "_s", ["file_unique_id"] = "s", ["width"] = 90, ["height"] = 90, ["file_size"] = 100 },
            new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "l", ["width"] = 800, ["height"] = 600, ["file_size"] = content.Length });
        if (caption is not null)
        {
            message["caption"] = caption;
        }

        return fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    public static int SendVoice(this FakeBot fake, long chatId, string fileId, byte[] content, long? declaredSize = null)
    {
        fake.AddFile(fileId, content);
        var message = Message(chatId, chatId);
        message["voice"] = new JsonObject
        {
            ["file_id"] = fileId, ["file_unique_id"] = "v" + fileId, ["duration"] = 3, ["mime_type"] = "audio/ogg", ["file_size"] = declaredSize ?? content.Length,
        };
        return fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    /// <summary>"@bot text" in a group, with the mention entity Telegram adds.</summary>
    public static int SendGroupMention(this FakeBot fake, long groupId, long userId, string text)
    {
        var message = Message(groupId, userId);
        var mention = "@" + BotUsername;
        message["text"] = mention + " " + text;
        message["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = 0, ["length"] = mention.Length });
        return fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    public static int SendStop(this FakeBot fake, long chatId, long draftId) =>
        fake.AddUpdate(new JsonObject
        {
            ["stopped_message_generation"] = new JsonObject { ["chat"] = Chat(chatId), ["draft_id"] = draftId },
        });

    public static int SendCallback(this FakeBot fake, long chatId, string data, int messageId, long? userId = null) =>
        fake.AddUpdate(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString("N"),
                ["from"] = User(userId ?? chatId),
                ["message"] = new JsonObject { ["message_id"] = messageId, ["date"] = 1, ["chat"] = Chat(chatId) },
                ["chat_instance"] = "1",
                ["data"] = data,
            },
        });

    private static JsonObject Message(long chatId, long userId) => new()
    {
        ["message_id"] = Interlocked.Increment(ref _messageId),
        ["from"] = User(userId),
        ["chat"] = Chat(chatId),
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    private static JsonObject User(long userId) => new() { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Test", ["language_code"] = "en" };

    private static JsonObject Chat(long chatId) => new() { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" };
}
