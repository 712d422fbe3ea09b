using System.Text.Json.Nodes;

namespace ElumentaBot.Sandbox;

/// <summary>A message sent through inline mode, as it stands now (edits applied).</summary>
public sealed record FakeInlineMessage(string Text, string? ParseMode, JsonNode? ReplyMarkup, int Edits);

/// <summary>
/// Inline mode as Telegram runs it: a user types <c>@bot query</c> (an <c>inline_query</c> the bot answers with
/// <c>answerInlineQuery</c>), picks a result (the result's message is sent, with an inline_message_id when it has a
/// keyboard, and <c>chosen_inline_result</c> arrives), and the bot edits that message by inline_message_id.
/// </summary>
public sealed partial class FakeBot
{
    private readonly Dictionary<string, FakeInlineMessage> _inlineMessages = [];
    private int _nextInlineMessage;

    /// <summary>The user typed <paramref name="query"/> after the bot's name; returns the inline query id.</summary>
    public string SendInlineQuery(long userId, string query, string? languageCode = "en")
    {
        var id = Guid.NewGuid().ToString("N");
        AddUpdate(new JsonObject
        {
            ["inline_query"] = new JsonObject
            {
                ["id"] = id, ["from"] = UserJson(userId, languageCode, "Test"), ["query"] = query, ["offset"] = "", ["chat_type"] = "sender",
            },
        });
        return id;
    }

    /// <summary>The results the bot offered for an inline query (null until it answered).</summary>
    public JsonArray? InlineResults(string queryId) =>
        CallsTo("answerInlineQuery").LastOrDefault(c => c.String("inline_query_id") == queryId)?.Parameters["results"] as JsonArray;

    /// <summary>
    /// The user picked result <paramref name="index"/> of the query: its message is "sent" and <c>chosen_inline_result</c>
    /// queued. Returns the update id and the inline message id (null when the result has no keyboard, as on Telegram).
    /// </summary>
    public (int UpdateId, string? InlineMessageId) ChooseInlineResult(long userId, string queryId, string query, int index = 0, string? languageCode = "en")
    {
        var result = InlineResults(queryId)?[index] as JsonObject ?? throw new InvalidOperationException($"Inline query {queryId} has no result {index}.");
        string? messageId = null;
        if (result["reply_markup"] is { } markup)
        {
            lock (_sync)
            {
                messageId = $"inline-{++_nextInlineMessage}";
                var content = result["input_message_content"];
                _inlineMessages[messageId] = new FakeInlineMessage(content?["message_text"]?.ToString() ?? "", content?["parse_mode"]?.ToString(), markup.DeepClone(), 0);
            }
        }

        var chosen = new JsonObject { ["result_id"] = result["id"]?.ToString(), ["from"] = UserJson(userId, languageCode, "Test"), ["query"] = query };
        if (messageId is not null)
        {
            chosen["inline_message_id"] = messageId;
        }

        return (AddUpdate(new JsonObject { ["chosen_inline_result"] = chosen }), messageId);
    }

    /// <summary>A message already sent through inline mode (no update): what a crashed bot left behind.</summary>
    public string AddInlineMessage(string text, JsonNode? replyMarkup)
    {
        lock (_sync)
        {
            var id = $"inline-{++_nextInlineMessage}";
            _inlineMessages[id] = new FakeInlineMessage(text, null, replyMarkup?.DeepClone(), 0);
            return id;
        }
    }

    /// <summary>The same update again under a new update_id (what a handler re-run after a crash sees; the inbox dedupes equal ids).</summary>
    public int RepeatUpdate(int updateId)
    {
        JsonObject copy;
        lock (_sync)
        {
            copy = (JsonObject)_history[updateId].DeepClone();
        }

        copy.Remove("update_id");
        return AddUpdate(copy);
    }

    public FakeInlineMessage? InlineMessage(string inlineMessageId)
    {
        lock (_sync)
        {
            return _inlineMessages.GetValueOrDefault(inlineMessageId);
        }
    }

    /// <summary>editMessageText / editMessageReplyMarkup by inline_message_id: <c>true</c>, or Telegram's 400s.</summary>
    private (int Status, JsonObject Body) EditInline(string method, JsonObject parameters)
    {
        var id = parameters["inline_message_id"]?.ToString() ?? "";
        lock (_sync)
        {
            if (!_inlineMessages.TryGetValue(id, out var message))
            {
                return (400, new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: MESSAGE_ID_INVALID" });
            }

            var text = string.Equals(method, "editMessageText", StringComparison.OrdinalIgnoreCase) ? parameters["text"]?.ToString() ?? "" : message.Text;
            var markup = parameters["reply_markup"]?.DeepClone();
            if (text == message.Text && JsonNode.DeepEquals(markup, message.ReplyMarkup))
            {
                return (400, new JsonObject
                {
                    ["ok"] = false, ["error_code"] = 400,
                    ["description"] = "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
                });
            }

            _inlineMessages[id] = new FakeInlineMessage(text, parameters["parse_mode"]?.ToString(), markup, message.Edits + 1);
            return (200, new JsonObject { ["ok"] = true, ["result"] = true });
        }
    }
}
