using System.Text.Encodings.Web;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Transport;

/// <summary>
/// Tunes Telegram.Bot's shared <see cref="JsonBotAPI.Options"/> once, before its first use: text is written as
/// UTF-8 rather than \u-escaped (Russian text is a third of the size).
/// </summary>
public static class BotJson
{
    private static readonly Lock Sync = new();
    private static int _warmed;

    public static void Configure()
    {
        var options = JsonBotAPI.Options;
        lock (Sync)
        {
            if (options.IsReadOnly)
            {
                return;
            }

            options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        }
    }

    // The library's options describe the Bot API types by reflection, and the first update and the first reply pay
    // for building (and compiling) that description of the whole Message graph: ~300 ms measured. Paid here, before
    // the first getUpdates, the first user after a start or deploy is not the one who waits for it.
    private const string SampleUpdate = """
        {"update_id":1,"message":{"message_id":1,"date":1700000000,"text":"/start x","entities":[{"offset":0,"length":6,"type":"bot_command"}],
        "from":{"id":1,"is_bot":false,"first_name":"A","username":"a","language_code":"ru"},"chat":{"id":1,"type":"private","first_name":"A"},
        "reply_to_message":{"message_id":0,"date":1700000000,"chat":{"id":1,"type":"private"},"photo":[{"file_id":"f","file_unique_id":"u","width":1,"height":1}]}}}
        """;

    /// <summary>Builds the serializer's view of updates, messages and replies once per process (idempotent, cheap after the first call).</summary>
    public static void WarmUp()
    {
        if (Interlocked.Exchange(ref _warmed, 1) == 1)
        {
            return;
        }

        Configure();
        var options = JsonBotAPI.Options;
        var update = JsonSerializer.Deserialize<Update>(SampleUpdate, options)!;
        JsonSerializer.Serialize(new SendMessageRequest
        {
            ChatId = 1, Text = "a", ParseMode = Telegram.Bot.Types.Enums.ParseMode.Html,
            ReplyMarkup = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("a", "b")),
        }, options);
        JsonSerializer.Serialize(new SendMessageRequest { ChatId = 1, Text = "a", ReplyMarkup = new ReplyKeyboardMarkup("a") }, options);
        JsonSerializer.Deserialize<Message>(JsonSerializer.Serialize(update.Message, options), options);
    }
}
