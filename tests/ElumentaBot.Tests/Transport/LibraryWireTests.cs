using ElumentaBot.Payments;
using ElumentaBot.Sandbox;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.Payments;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Tests.Transport;

/// <summary>Telegram.Bot's requests, as our paced client sends them, read by the fake Bot API server the tests rely on.</summary>
public sealed class LibraryWireTests
{
    private static readonly Dictionary<string, string?> NoPolling = new() { ["Telegram:PollingEnabled"] = "false" };

    [Fact]
    public async Task Html_parse_mode_and_omitted_false_flags_are_understood()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);

        await bot.Bot.SendMessage(5, "<b>hi</b>", ParseMode.Html);
        await bot.Bot.AnswerPreCheckoutQuery("q1", "Order already paid");
        await bot.Bot.AnswerCallbackQuery("c1", "done");

        var sent = bot.Fake.CallsTo("sendMessage")[0];
        Assert.Equal("HTML", sent.String("parse_mode"));
        Assert.Equal(["chat_id", "parse_mode", "text"], sent.Parameters.Select(p => p.Key).Order());
        var answer = bot.Fake.CallsTo("answerPreCheckoutQuery")[0];
        Assert.False(answer.Flag("ok"));
        Assert.Equal("Order already paid", answer.String("error_message"));
        Assert.False(bot.Fake.CallsTo("answerCallbackQuery")[0].Flag("show_alert"));
    }

    [Fact]
    public async Task Re_enabling_a_star_subscription_sends_is_canceled_false_explicitly()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);

        // The library omits is_canceled when false, which Telegram reads as "no change": our own request sends it.
        await bot.Bot.SendRequest(new StarSubscriptionEdit { UserId = 5, TelegramPaymentChargeId = "charge-1", IsCanceled = false });

        var call = bot.Fake.CallsTo("editUserStarSubscription")[0];
        Assert.True(call.Parameters.ContainsKey("is_canceled"));
        Assert.False(call.Flag("is_canceled"));
    }

    [Fact]
    public async Task Uploads_go_as_multipart_parts_and_survive_a_flood_retry()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        var markup = new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData("Again", "r:1")]]);
        bot.Fake.FloodWait("sendPhoto", retryAfter: 1);

        await bot.Bot.SendPhoto(8, Uploads.FromBytes([1, 2, 3], "fox.png"), caption: "a fox", replyMarkup: markup);
        await bot.Bot.SendDocument(8, InputFile.FromUri("https://example.com/a.pdf"));
        await bot.Bot.SendVoice(8, InputFile.FromFileId("voice-id"));

        var photos = bot.Fake.CallsTo("sendPhoto");
        Assert.Equal([429, 200], photos.Select(c => c.Status));
        var photo = photos[1];
        Assert.Equal("attach://0", photo.String("photo"));
        Assert.Equal("8", photo.String("chat_id"));
        Assert.Equal("r:1", photo.Parameters["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]!.GetValue<string>());
        var upload = Assert.Single(photo.Files);
        Assert.Equal("fox.png", upload.FileName);
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
    public async Task Every_method_the_bot_uses_round_trips()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: NoPolling);
        var api = bot.Bot;

        Assert.True((await api.GetMe()).IsBot);
        await api.SetMyCommands([new BotCommand { Command = "start", Description = "Start" }], BotCommandScope.AllPrivateChats(), "ru");
        await api.SendMessageDraft(1, 7, "", canStop: true);
        await api.SendChatAction(1, ChatAction.Typing);
        await api.DeleteMessage(1, 2);
        await api.EditMessageReplyMarkup(1, 2);
        Assert.Equal("c", (await api.SendVideo(1, InputFile.FromFileId("v"), caption: "c")).Caption);
        await api.SendAudio(1, InputFile.FromFileId("a"));
        await api.SendInvoice(1, "T", "D", "p", "XTR", [new LabeledPrice("Plan", 100)]);
        Assert.StartsWith("https://t.me/$", await api.CreateInvoiceLink("T", "D", "p", "XTR", [new LabeledPrice("Sub", 100)], subscriptionPeriod: 2592000), StringComparison.Ordinal);
        await api.RefundStarPayment(1, "charge");
        Assert.Empty(await api.SendRequest(new RawUpdatesRequest { Limit = 1, Timeout = 0 }));

        Assert.Equal("all_private_chats", bot.Fake.CallsTo("setMyCommands")[0].Parameters["scope"]!["type"]!.GetValue<string>());
        Assert.True(bot.Fake.CallsTo("sendMessageDraft")[0].Flag("can_stop"));
        Assert.Equal("XTR", bot.Fake.CallsTo("sendInvoice")[0].String("currency"));
        Assert.Equal(100, bot.Fake.CallsTo("sendInvoice")[0].Parameters["prices"]![0]!["amount"]!.GetValue<long>());
        Assert.Equal(2592000, bot.Fake.CallsTo("createInvoiceLink")[0].Long("subscription_period"));
    }

    [Fact]
    public void Updates_with_unknown_or_missing_fields_parse()
    {
        const string json = """
            {"update_id":5,"future_field":{"x":1},"message":{"message_id":1,"date":1700000000,"chat":{"id":-100,"type":"supergroup","brand_new":true},
             "from":{"id":42,"is_bot":false,"first_name":"A"},"photo":[{"file_id":"s","file_unique_id":"u","width":90,"height":90}],
             "successful_payment":{"currency":"XTR","total_amount":100,"invoice_payload":"p","telegram_payment_charge_id":"c","provider_payment_charge_id":"","is_recurring":true,"is_first_recurring":true,"subscription_expiration_date":1800000000}}}
            """;
        var update = RawUpdate.ParseUpdate(json);
        Assert.Equal(42, update.Message!.From!.Id);
        Assert.Null(update.Message.Text);
        Assert.True(update.Message.SuccessfulPayment!.IsFirstRecurring);
        Assert.Equal(90, update.Message.Photo![^1].Width);
        Assert.Equal(ChatType.Supergroup, update.Message.Chat.Type);
    }

    [Fact]
    public async Task Error_envelopes_and_proxy_pages_classify_as_planned()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?>(NoPolling) { ["Telegram:Pacing:MaxFloodRetries"] = "0" });
        bot.Fake.FloodWait("sendMessage", retryAfter: 17);
        var flood = await Assert.ThrowsAnyAsync<Exception>(() => bot.Bot.SendMessage(1, "x"));
        Assert.Equal((true, 17, false), (flood.IsTooManyRequests(), flood.RetryAfter(), flood.IsTransient()));

        bot.Fake.Fail("sendMessage", 400, "Bad Request: can't parse entities: Character '.' is reserved");
        Assert.True((await Assert.ThrowsAnyAsync<Exception>(() => bot.Bot.SendMessage(1, "x"))).IsParseError());
        bot.Fake.Fail("sendMessage", 400, "Bad Request: message is too long");
        Assert.True((await Assert.ThrowsAnyAsync<Exception>(() => bot.Bot.SendMessage(1, "x"))).IsMessageTooLong());
        bot.Fake.FailRaw("sendMessage", 502, "<html>502</html>");
        var proxy = await Assert.ThrowsAnyAsync<Exception>(() => bot.Bot.SendMessage(1, "x"));
        Assert.True(proxy.IsTransient(), proxy.Describe());
    }
}
