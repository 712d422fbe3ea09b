using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>Updates as a Telegram user would cause them.</summary>
public sealed partial class FakeBot
{
    private int _nextUserMessageId = 1_000_000;

    public int SendText(long chatId, string text, long? userId = null, string? languageCode = "en", string firstName = "Test")
    {
        var message = UserMessage(chatId, userId ?? chatId, languageCode, firstName);
        message["text"] = text;
        if (text.StartsWith('/'))
        {
            var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }

        return AddUpdate(new JsonObject { ["message"] = message });
    }

    public int SendCallbackQuery(long chatId, string data, long? userId = null) =>
        AddUpdate(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString("N"),
                ["from"] = UserJson(userId ?? chatId, "en", "Test"),
                ["message"] = new JsonObject { ["message_id"] = 1, ["date"] = 0, ["chat"] = ChatJson(chatId) },
                ["chat_instance"] = "1",
                ["data"] = data,
            },
        });

    public int SendPreCheckoutQuery(long userId, string payload, long amount) =>
        AddUpdate(new JsonObject
        {
            ["pre_checkout_query"] = new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString("N"),
                ["from"] = UserJson(userId, "en", "Test"),
                ["currency"] = "XTR",
                ["total_amount"] = amount,
                ["invoice_payload"] = payload,
            },
        });

    /// <summary>The user blocked ("kicked") or unblocked ("member") the bot.</summary>
    public int SendMyChatMember(long userId, string newStatus) =>
        AddUpdate(new JsonObject
        {
            ["my_chat_member"] = new JsonObject
            {
                ["chat"] = ChatJson(userId),
                ["from"] = UserJson(userId, "en", "Test"),
                ["date"] = time.GetUtcNow().ToUnixTimeSeconds(),
                ["old_chat_member"] = new JsonObject { ["status"] = newStatus == "kicked" ? "member" : "kicked", ["user"] = BotUser.DeepClone() },
                ["new_chat_member"] = new JsonObject { ["status"] = newStatus, ["user"] = BotUser.DeepClone() },
            },
        });

    private JsonObject UserMessage(long chatId, long userId, string? languageCode, string firstName) => new()
    {
        ["message_id"] = Interlocked.Increment(ref _nextUserMessageId),
        ["from"] = UserJson(userId, languageCode, firstName),
        ["chat"] = ChatJson(chatId),
        ["date"] = time.GetUtcNow().ToUnixTimeSeconds(),
    };

    private static JsonObject UserJson(long userId, string? languageCode, string firstName)
    {
        var user = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = firstName };
        if (languageCode is not null)
        {
            user["language_code"] = languageCode;
        }

        return user;
    }

    private static JsonObject ChatJson(long chatId) =>
        new() { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" };
}
