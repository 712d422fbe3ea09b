using ElumentaBot.Chat.Formatting;

namespace ElumentaBot.Tests.Chat;

public sealed class TextChatTests
{
    [Fact]
    public async Task Text_streams_drafts_then_a_formatted_answer_charged_at_the_model_price()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(101, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(101);
        chat.Model.ThenAnswer("Here is **bold** and `code`.\n\n" + string.Concat(Enumerable.Repeat("More words arrive slowly. ", 12)), piece: 20, delay: TimeSpan.FromMilliseconds(40));

        chat.Fake.SendText(101, "Hello model");
        await chat.WaitSettledAsync(101, 1);

        var drafts = chat.Fake.CallsTo("sendMessageDraft");
        Assert.True(drafts.Count >= 2, $"expected several drafts, got {drafts.Count}");
        Assert.Single(drafts.Select(d => d.Long("draft_id")).Distinct());
        Assert.All(drafts, d => Assert.Null(d.String("parse_mode")));
        Assert.Contains(chat.Fake.CallsTo("sendChatAction"), c => c.String("action") == "typing");
        var answer = Assert.Single(chat.Sent(101));
        Assert.Equal("HTML", answer.String("parse_mode"));
        Assert.Contains("<b>bold</b>", answer.String("text"), StringComparison.Ordinal);
        Assert.True(answer.At >= drafts[^1].At, "the final message comes after the drafts");
        Assert.Equal(before - 1, await chat.BalanceAsync(101));
        Assert.Equal(1, await chat.GenerationsAsync("completed"));
        Assert.Equal(2, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM chat_messages WHERE chat_id = 101"));
    }

    [Fact]
    public async Task The_conversation_is_sent_with_the_next_message_and_new_starts_afresh()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(102);

        chat.Fake.SendText(102, "My name is Ann");
        await chat.WaitSettledAsync(102, 1);
        chat.Fake.SendText(102, "What is my name?");
        await chat.WaitSettledAsync(102, 2);
        chat.Fake.SendText(102, "/new");
        await chat.WaitForMessageAsync(102, m => m.String("text")!.Contains("New conversation", StringComparison.Ordinal));
        chat.Fake.SendText(102, "Fresh start");
        await chat.WaitSettledAsync(102, 3);

        var requests = chat.Model.Requests.ToList();
        Assert.Equal([1, 3, 1], requests.Select(r => r.Turns.Count));
        Assert.Equal("My name is Ann", requests[1].Turns[0].Text);
        Assert.Equal(Elumenta.Providers.ChatRole.Assistant, requests[1].Turns[1].Role);
    }

    [Fact]
    public async Task History_is_trimmed_to_the_model_budget_with_one_notice_per_conversation()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(103, plan: "elite");
        var longText = new string('x', 11_000);

        for (var i = 1; i <= 4; i++)
        {
            chat.Fake.SendText(103, $"{i} {longText}");
            await chat.WaitSettledAsync(103, i);
        }

        var notices = chat.Sent(103).Where(m => m.String("text")!.Contains("only see its most recent part", StringComparison.Ordinal)).ToList();
        Assert.Single(notices);
        var last = chat.Model.Requests.Last();
        Assert.True(last.Turns.Sum(t => t.Text.Length) <= 24_000, "gpt-5-nano's 24,000-character budget is respected");
        Assert.StartsWith("4 ", last.Turns[^1].Text, StringComparison.Ordinal);
        Assert.Equal(Elumenta.Providers.ChatRole.User, last.Turns[0].Role);
    }

    [Fact]
    public async Task The_conversation_survives_a_restart_of_the_host()
    {
        var db = Transport.BotHarness.NewDatabasePath();
        await using var server = await Sandbox.FakeBotApiServer.StartAsync();
        await using (var first = await ChatHarness.StartAsync(db, server: server))
        {
            await first.AccountAsync(104);
            first.Fake.SendText(104, "Remember the number 42");
            await first.WaitSettledAsync(104, 1);
        }

        await using var second = await ChatHarness.StartAsync(db, server: server);
        second.Fake.SendText(104, "Which number?");
        await second.WaitSettledAsync(104, 2);

        var request = Assert.Single(second.Model.Requests);
        Assert.Equal(3, request.Turns.Count);
        Assert.Equal("Remember the number 42", request.Turns[0].Text);
    }

    [Fact]
    public async Task Menu_buttons_commands_and_other_modes_are_not_chat_input()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(105);

        chat.Fake.SendText(105, "💬 Chat");
        chat.Fake.SendText(105, "/unknown_command");
        chat.Fake.SendText(105, "real question");
        await chat.WaitSettledAsync(105, 1);

        var request = Assert.Single(chat.Model.Requests);
        Assert.Equal("real question", request.Turns[^1].Text);
    }

    [Fact]
    public async Task Drafts_never_exceed_one_message_and_each_final_message_is_valid_html()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(106, plan: "elite");
        chat.Model.ThenAnswer(LongAnswer.Build(12_000), piece: 300, delay: TimeSpan.FromMilliseconds(15));

        chat.Fake.SendText(106, "Write a long guide");
        await chat.WaitSettledAsync(106, 1, seconds: 40);

        var drafts = chat.Fake.CallsTo("sendMessageDraft");
        Assert.All(drafts, d => Assert.True(d.String("text")!.Length <= TelegramHtml.MaxMessageLength));
        Assert.True(drafts.Select(d => d.Long("draft_id")).Distinct().Count() >= 2, "a new draft id after each finalised part");
        var messages = chat.Sent(106);
        Assert.True(messages.Count >= 3, $"12,000 characters need several messages, got {messages.Count}");
        Assert.All(messages, m => Assert.True(TelegramHtml.IsValid(m.String("text")!, out var error), error));
        var visible = string.Concat(messages.Select(m => TelegramHtml.HtmlToPlainText(m.String("text")!)));
        Assert.Contains("final paragraph", visible, StringComparison.Ordinal);
        Assert.Equal(1, await chat.GenerationsAsync("completed"));
    }
}
