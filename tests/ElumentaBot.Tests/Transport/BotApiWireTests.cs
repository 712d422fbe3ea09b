using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types;
using ElumentaBot.Transport;
using ElumentaBot.Sandbox;

namespace ElumentaBot.Tests.Transport;

public sealed class BotApiWireTests
{
    private static readonly Dictionary<string, string?> NoPolling = new() { ["Telegram:PollingEnabled"] = "false" };

    [Fact]
    public async Task False_flags_are_sent_and_nulls_are_not()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);

        await bot.Bot.AnswerPreCheckoutQuery("q1", "Order already paid");
        await bot.Bot.EditUserStarSubscription(5, "charge-1", isCanceled: false);
        await bot.Bot.SendMessage(5, "hi");

        var answer = bot.Fake.CallsTo("answerPreCheckoutQuery")[0].Parameters;
        Assert.False(answer["ok"]!.GetValue<bool>());
        Assert.Equal("Order already paid", answer["error_message"]!.GetValue<string>());
        Assert.False(bot.Fake.CallsTo("editUserStarSubscription")[0].Parameters["is_canceled"]!.GetValue<bool>());
        Assert.Equal(["chat_id", "text"], bot.Fake.CallsTo("sendMessage")[0].Parameters.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Uploads_go_as_multipart_with_attach_references_and_json_string_objects()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        var markup = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallback("Again", "r:1")]]);

        await bot.Bot.SendPhoto(new SendPhotoRequest(InputFile.FromBytes(new byte[] { 1, 2, 3 }, "fox.png")) { ChatId = 8, Caption = "a fox", ReplyMarkup = markup });
        await bot.Bot.SendDocument(new SendDocumentRequest(InputFile.FromUrl(new Uri("https://example.com/a.pdf"))) { ChatId = 8 });
        await bot.Bot.SendVoice(new SendVoiceRequest(InputFile.FromFileId("voice-id")) { ChatId = 8 });

        var photo = bot.Fake.CallsTo("sendPhoto")[0];
        Assert.Equal("attach://file0", photo.String("photo"));
        Assert.Equal("8", photo.String("chat_id"));
        Assert.Equal("r:1", photo.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
        var upload = Assert.Single(photo.Files);
        Assert.Equal(("file0", "fox.png"), (upload.PartName, upload.FileName));
        Assert.Equal(new byte[] { 1, 2, 3 }, upload.Content);
        Assert.Equal("https://example.com/a.pdf", bot.Fake.CallsTo("sendDocument")[0].String("document"));
        Assert.Empty(bot.Fake.CallsTo("sendDocument")[0].Files);
        Assert.Equal("voice-id", bot.Fake.CallsTo("sendVoice")[0].String("voice"));
    }

    [Fact]
    public async Task GetFile_then_download_returns_the_bytes()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        bot.Fake.AddFile("doc-1", [9, 8, 7]);

        var file = await bot.Bot.GetFile("doc-1");
        using var bytes = new MemoryStream();
        await bot.Bot.DownloadFile(file.FilePath!, bytes);

        Assert.Equal(3, file.FileSize);
        Assert.Equal(new byte[] { 9, 8, 7 }, bytes.ToArray());
    }

    [Fact]
    public async Task Every_documented_method_round_trips()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        var api = bot.Bot;

        Assert.True((await api.GetMe()).IsBot);
        Assert.True(await api.SetMyCommands(new SetMyCommandsRequest([new BotCommand("start", "Start")], BotCommandScope.AllPrivateChats, "ru")));
        Assert.True(await api.SendMessageDraft(new SendMessageDraftRequest { ChatId = 1, DraftId = 7, Text = "", CanStop = true }));
        Assert.True(await api.SendChatAction(1, ChatAction.Typing));
        Assert.True(await api.DeleteMessage(1, 2));
        Assert.NotNull(await api.EditMessageReplyMarkup(new EditMessageReplyMarkupRequest { ChatId = 1, MessageId = 2 }));
        Assert.Equal("c", (await api.SendVideo(new SendVideoRequest(InputFile.FromFileId("v")) { ChatId = 1, Caption = "c" })).Caption);
        await api.SendAudio(new SendAudioRequest(InputFile.FromFileId("a")) { ChatId = 1 });
        await api.SendInvoice(new SendInvoiceRequest { ChatId = 1, Title = "T", Description = "D", Payload = "p", Prices = [new LabeledPrice("Plan", 100)] });
        Assert.StartsWith("https://t.me/$", await api.CreateInvoiceLink(new CreateInvoiceLinkRequest { Title = "T", Description = "D", Payload = "p", Prices = [new LabeledPrice("Sub", 100)], SubscriptionPeriod = 2592000 }), StringComparison.Ordinal);
        Assert.True(await api.RefundStarPayment(1, "charge"));
        Assert.Empty(await api.GetUpdates(new GetUpdatesRequest(null, 1, 0, null)));

        var scope = bot.Fake.CallsTo("setMyCommands")[0].Parameters;
        Assert.Equal("all_private_chats", scope["scope"]!["type"]!.GetValue<string>());
        Assert.Equal("XTR", bot.Fake.CallsTo("sendInvoice")[0].String("currency"));
        Assert.Equal(100, bot.Fake.CallsTo("sendInvoice")[0].Parameters["prices"]![0]!["amount"]!.GetValue<long>());
    }

    [Fact]
    public void Updates_with_unknown_or_missing_fields_parse()
    {
        const string json = """
            {"update_id":5,"future_field":{"x":1},"message":{"message_id":1,"date":1700000000,"chat":{"id":-100,"type":"supergroup","brand_new":true},
             "from":{"id":"42","is_bot":false,"first_name":"A"},"photo":[{"file_id":"s","file_unique_id":"u","width":90,"height":90}],
             "successful_payment":{"currency":"XTR","total_amount":100,"invoice_payload":"p","telegram_payment_charge_id":"c","is_recurring":true,"is_first_recurring":true,"subscription_expiration_date":1800000000}}}
            """;
        var update = JsonSerializer.Deserialize(json, BotApiJson.Default.Update)!;
        Assert.Equal(42, update.Message!.From!.Id);
        Assert.Null(update.Message.Text);
        Assert.True(update.Message.SuccessfulPayment!.IsFirstRecurring);
        Assert.Equal(90, update.Message.Photo![^1].Width);

        var bare = JsonSerializer.Deserialize("""{"update_id":6,"callback_query":{"id":"q","from":{"id":1}}}""", BotApiJson.Default.Update)!;
        Assert.Null(bare.CallbackQuery!.Message);
        Assert.Equal("", bare.CallbackQuery.From.FirstName);
        _ = JsonNode.Parse(json);
    }

    [Fact]
    public void Error_envelopes_map_to_one_exception_type()
    {
        var flood = Assert.Throws<BotApiException>(() => BotApiTransport.Read("sendMessage", 429,
            """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 17","parameters":{"retry_after":17}}"""u8.ToArray(), BotApiJson.Default.Message));
        Assert.Equal((429, 17, false), (flood.ErrorCode, flood.RetryAfter, flood.IsTransient));
        var parse = Assert.Throws<BotApiException>(() => BotApiTransport.Read("sendMessage", 400,
            """{"ok":false,"error_code":400,"description":"Bad Request: can't parse entities: Character '.' is reserved"}"""u8.ToArray(), BotApiJson.Default.Message));
        Assert.True(parse.IsParseError);
        var tooLong = Assert.Throws<BotApiException>(() => BotApiTransport.Read("sendMessage", 400,
            """{"ok":false,"error_code":400,"description":"Bad Request: message is too long"}"""u8.ToArray(), BotApiJson.Default.Message));
        Assert.True(tooLong.IsMessageTooLong);
        var proxy = Assert.Throws<BotApiException>(() => BotApiTransport.Read("getUpdates", 502, "<html>502</html>"u8.ToArray(), BotApiJson.Default.Message));
        Assert.True(proxy.IsTransient);
    }
}
