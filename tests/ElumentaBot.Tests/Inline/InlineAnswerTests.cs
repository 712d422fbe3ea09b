using System.Text.Json.Nodes;
using ElumentaBot.Tests.Chat;

namespace ElumentaBot.Tests.Inline;

public sealed class InlineAnswerTests
{
    [Fact]
    public async Task Typing_offers_one_result_with_model_and_price_and_never_admits_or_charges()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(701, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(701);

        foreach (var query in new[] { "W", "Wh", "Why is", "Why is the sky", "Why is the sky blue?" })
        {
            var (_, results, answer) = await chat.TypeAsync(701, query);
            var result = Assert.IsType<JsonObject>(Assert.Single(results));
            Assert.Equal("Ask Gemini 2.5 Flash · 1 token", result["title"]?.ToString());
            Assert.Equal("article", result["type"]?.ToString());
            Assert.Equal($"❓ {query}\n\n⏳ Gemini 2.5 Flash is thinking…", result["input_message_content"]?["message_text"]?.ToString());
            Assert.NotNull(result["reply_markup"]);
            Assert.True(answer.Flag("is_personal"));
            Assert.InRange(answer.Long("cache_time") ?? 300, 0, 5);
        }

        Assert.Equal(0, await chat.GenerationCountAsync());
        Assert.Equal(0, await chat.RateEventsAsync(701));
        Assert.Equal(before, await chat.BalanceAsync(701));
        Assert.Empty(chat.Model.Requests);
    }

    [Fact]
    public async Task An_empty_query_gets_no_result_but_a_hint_to_type_and_a_new_user_gets_an_account_in_russian()
    {
        await using var chat = await ChatHarness.StartAsync();

        var (_, empty, hint) = await chat.TypeAsync(702, " ", "ru");
        Assert.Empty(empty);
        Assert.Equal("✍️ Напишите вопрос после имени бота", hint.Parameters["button"]?["text"]?.ToString());

        var (_, results, _) = await chat.TypeAsync(702, "Почему небо голубое?", "ru");
        Assert.Equal("Спросить GPT-5 nano · бесплатно", Assert.Single(results)?["title"]?.ToString());
        Assert.Equal(1, await chat.Bot.QueryAsync<long>("SELECT COUNT(*) FROM accounts WHERE telegram_user_id = 702"));
        Assert.Equal(0, await chat.GenerationCountAsync());
    }

    [Fact]
    public async Task Picking_the_result_admits_once_and_the_placeholder_ends_with_the_formatted_answer()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(703, textModel: ChatHarness.OneTokenModel);
        var before = await chat.BalanceAsync(703);
        chat.Model.ThenAnswer("The sky is **blue** because of `Rayleigh` scattering.", piece: 8, delay: TimeSpan.FromMilliseconds(30));

        var (updateId, messageId) = await chat.AskAsync(703, "Why is the sky <blue>?");
        var final = await chat.WaitMessageAsync(messageId, m => m.ParseMode == "HTML");
        await chat.WaitSettledAsync(703, 1);

        Assert.Equal("❓ Why is the sky &lt;blue&gt;?\n\nThe sky is <b>blue</b> because of <code>Rayleigh</code> scattering.", final.Text);
        Assert.Equal(["https://t.me/elumenta_sandbox_bot"], final.UrlButtons());
        Assert.Equal(before - 1, await chat.BalanceAsync(703));
        Assert.Equal(1, await chat.GenerationsAsync("completed"));
        Assert.Equal("Why is the sky <blue>?", Assert.Single(chat.Model.Requests).Turns[^1].Text);

        // The same pick seen again (a redelivery, or the same result under a new update id) admits and charges nothing.
        chat.Fake.Redeliver([updateId]);
        var again = chat.Fake.RepeatUpdate(updateId);
        await chat.WaitHandledAsync(updateId, again);
        Assert.Equal(1, await chat.GenerationCountAsync());
        Assert.Equal(before - 1, await chat.BalanceAsync(703));
        Assert.Equal(1, await chat.RateEventsAsync(703));
        Assert.Equal(final, chat.Fake.InlineMessage(messageId));
    }

    [Fact]
    public async Task Edits_of_the_streamed_answer_are_spaced_by_the_group_interval()
    {
        await using var chat = await ChatHarness.StartAsync(settings: new Dictionary<string, string?> { ["Chat:GroupEditIntervalMs"] = "400" });
        await chat.AccountAsync(704);
        chat.Model.ThenAnswer(string.Concat(Enumerable.Range(0, 40).Select(i => $"word{i} ")), piece: 7, delay: TimeSpan.FromMilliseconds(40));

        var (_, messageId) = await chat.AskAsync(704, "count");
        await chat.WaitMessageAsync(messageId, m => m.ParseMode == "HTML");

        var edits = chat.Fake.CallsTo("editMessageText").Where(c => c.String("inline_message_id") == messageId).ToList();
        Assert.True(edits.Count >= 2, $"{edits.Count} edits");
        Assert.All(edits.Zip(edits.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(350), $"{pair.Second.At - pair.First.At}"));
        Assert.All(edits.SkipLast(1), e => Assert.Null(e.String("parse_mode")));
    }

    [Fact]
    public async Task A_russian_answer_is_written_into_the_message()
    {
        await using var chat = await ChatHarness.StartAsync();
        await chat.AccountAsync(705, language: "ru");
        chat.Model.ThenAnswer("Из-за *рассеяния* света.");

        var (_, messageId) = await chat.AskAsync(705, "Почему небо голубое?", "ru");
        var final = await chat.WaitMessageAsync(messageId, m => m.ParseMode == "HTML");

        Assert.Equal("❓ Почему небо голубое?\n\nИз-за <i>рассеяния</i> света.", final.Text);
    }
}
