using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Chat;

public sealed class DeliveryTests
{
    [Fact]
    public async Task Unbalanced_markdown_never_produces_an_invalid_message()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(201);
        chat.Model.ThenAnswer("Start **bold never closed, _italic too, `code\n\n```js\nunclosed fence <b>\n| a | b\n|--\n[link](http://x.y", piece: 7);

        chat.Fake.SendText(201, "break the formatter");
        await chat.WaitSettledAsync(201, 1);

        var messages = chat.Sent(201);
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.True(TelegramHtml.IsValid(m.String("text")!, out var error), error));
        Assert.Equal(1, await chat.GenerationsAsync("completed"));
    }

    [Fact]
    public async Task A_message_Telegram_rejects_is_resent_as_plain_text_and_still_charged_once()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(202, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(202);
        chat.Model.ThenAnswer("Some **bold** answer with `code`.");
        chat.Fake.Fail("sendMessage", 400, "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 5");

        chat.Fake.SendText(202, "hi");
        await chat.WaitSettledAsync(202, 1);

        var sent = chat.Sent(202);
        Assert.Equal(2, sent.Count);
        Assert.Equal(("HTML", 400), (sent[0].String("parse_mode"), sent[0].Status));
        Assert.Null(sent[1].String("parse_mode"));
        Assert.Equal("Some bold answer with code.", sent[1].String("text"));
        Assert.Equal(before - 1, await chat.BalanceAsync(202));
    }

    [Fact]
    public async Task Groups_edit_the_placeholder_at_most_once_per_interval_and_replace_it_with_the_formatted_answer()
    {
        await using var chat = await ChatHarness.StartAsync(settings: new Dictionary<string, string?> { ["Chat:GroupEditIntervalMs"] = "500" });
        await chat.AccountAsync(203);
        chat.Model.ThenAnswer(string.Concat(Enumerable.Range(0, 120).Select(i => $"**w{i}** ")), piece: 6, delay: TimeSpan.FromMilliseconds(15));

        chat.Fake.SendGroupMention(-2030, 203, "stream fast please");
        await chat.WaitSettledAsync(-2030, 1);

        var calls = chat.Fake.Calls.Where(c => c.Method is "sendMessage" or "editMessageText" && c.Long("chat_id") == -2030).ToList();
        Assert.Equal("sendMessage", calls[0].Method);
        Assert.Equal("✍️ Thinking…", calls[0].String("text"));
        Assert.True(calls.Count(c => c.Method == "editMessageText") >= 2, "intermediate and final edits");
        for (var i = 1; i < calls.Count; i++)
        {
            var gap = calls[i].At - calls[i - 1].At;
            Assert.True(gap >= TimeSpan.FromMilliseconds(480), $"call {i} came {gap.TotalMilliseconds} ms after the previous one");
        }

        Assert.All(calls.Skip(1).SkipLast(1), c => Assert.Null(c.String("parse_mode")));
        Assert.Equal(("editMessageText", "HTML"), (calls[^1].Method, calls[^1].String("parse_mode")));
        Assert.Contains("<b>w119</b>", calls[^1].String("text"), StringComparison.Ordinal);
        Assert.Empty(chat.Fake.CallsTo("sendMessageDraft"));
    }

    [Fact]
    public async Task Message_is_not_modified_is_harmless()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(204, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(204);
        chat.Model.ThenAnswer("same text", piece: 100, delay: TimeSpan.FromMilliseconds(400));
        chat.Fake.Fail("editMessageText", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same", times: 5);

        chat.Fake.SendGroupMention(-2040, 204, "hello");
        await chat.WaitSettledAsync(-2040, 1);

        Assert.Equal(1, await chat.GenerationsAsync("completed"));
        Assert.Equal(before - 1, await chat.BalanceAsync(204));
    }
}
