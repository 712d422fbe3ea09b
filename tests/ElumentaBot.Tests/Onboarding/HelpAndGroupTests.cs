using System.Text.Json.Nodes;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using Telegram.Bot.Types;
using Telegram.Bot;

namespace ElumentaBot.Tests.Onboarding;

public sealed class HelpAndGroupTests
{
    private const long Group = -1001234;

    [Theory]
    [InlineData("ru", "Как работает Elumenta", "режим приватности", "Elumenta — Условия использования")]
    [InlineData("en", "How Elumenta works", "privacy mode", "Elumenta — Terms of Service")]
    public async Task Help_and_terms_answer_in_the_users_language(string language, string helpStart, string privacy, string termsStart)
    {
        await using var bot = await OnboardingBot.StartAsync();

        var help = Assert.Single(await bot.SendAsync(91, "/help", language: language));
        Assert.StartsWith(helpStart, help.Text(), StringComparison.Ordinal);
        Assert.Contains(privacy, help.Text(), StringComparison.Ordinal);
        Assert.Contains("@BotFather", help.Text(), StringComparison.Ordinal);

        var terms = await bot.SendAsync(91, "/terms", expected: 2, language: language);
        Assert.StartsWith(termsStart, terms[0].Text(), StringComparison.Ordinal);
        Assert.All(terms, t => Assert.InRange(t.Text().Length, 1, 4096));
        Assert.Contains("/paysupport", string.Concat(terms.Select(t => t.Text())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_group_only_commands_replies_to_the_bot_and_mentions_get_through()
    {
        await using var bot = await OnboardingBot.StartAsync(services: s => AddEcho(s));

        Message(bot, "hello everyone");
        Message(bot, "/help@SomeOtherBot");
        // Payments used to answer before the group filter ran: a command naming another bot is never ours.
        Message(bot, "/plans@SomeOtherBot");
        Message(bot, "/balance@SomeOtherBot");
        Message(bot, "look at this", replyToBot: false);
        var replies = await bot.SendAsync(Group, "/balance", userId: 92);
        Assert.StartsWith("👤 Profile", Assert.Single(replies).Text(), StringComparison.Ordinal);

        var before = bot.MessagesTo(Group).Count;
        Message(bot, "@elumenta_sandbox_bot what is 2+2?", mention: "@elumenta_sandbox_bot");
        Message(bot, "and 3+3?", replyToBot: true);
        Message(bot, "/help@elumenta_sandbox_bot");
        var shown = await bot.NewMessagesAsync(Group, before, 3);

        Assert.Equal("echo: @elumenta_sandbox_bot what is 2+2?", shown[0].Text());
        Assert.Equal("echo: and 3+3?", shown[1].Text());
        Assert.StartsWith("How Elumenta works", shown[2].Text(), StringComparison.Ordinal);
        Assert.Equal(3, bot.MessagesTo(Group).Count - before);
        Assert.Equal(1, await bot.CountAsync("SELECT COUNT(*) FROM accounts WHERE telegram_user_id = 92"));
    }

    [Fact]
    public async Task A_group_start_has_no_reply_keyboard_and_private_plain_text_is_not_filtered()
    {
        await using var bot = await OnboardingBot.StartAsync(services: s => AddEcho(s));

        var start = Assert.Single(await bot.SendAsync(Group, "/start", userId: 93));
        Assert.Null(start.Markup());
        Assert.Contains("In this group I answer commands", start.Text(), StringComparison.Ordinal);

        Assert.Equal("echo: hi", Assert.Single(await bot.SendAsync(93, "hi")).Text());
    }

    [Fact]
    public async Task Unknown_commands_point_to_help_unclaimed_buttons_are_answered_and_plain_text_is_left_alone()
    {
        await using var bot = await OnboardingBot.StartAsync();

        var reply = Assert.Single(await bot.SendAsync(94, "/frobnicate now", language: "ru"));
        Assert.Equal("Я не знаю команду /frobnicate. Список возможностей — в /help.", reply.Text());

        var (answer, _) = await bot.TapAsync(94, "zzz:1", expected: 0);
        Assert.False(string.IsNullOrWhiteSpace(answer.String("text")));

        // Plain text is never the fallback's: in Chat mode the chat answers it.
        var chat = Assert.Single(await bot.SendAsync(94, "just some text"));
        Assert.DoesNotContain("/frobnicate", chat.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("/help", chat.Text(), StringComparison.Ordinal);
        Assert.Empty(await bot.SendAsync(Group, "/frobnicate", expected: 0, userId: 94));
        await bot.SendAsync(94, "/help");
        Assert.Equal(3, bot.MessagesTo(94).Count);
        Assert.Empty(bot.MessagesTo(Group));
        bot.AssertNoErrors();
    }

    [Fact]
    public async Task Private_chats_never_wait_for_getMe_and_a_group_burst_asks_once_even_after_a_failure()
    {
        await using var bot = await OnboardingBot.StartAsync(services: s => AddEcho(s));
        bot.Fake.Fail("getMe", 502, "Bad Gateway");
        bot.Fake.Delay("getMe", TimeSpan.FromMilliseconds(300));

        Assert.Equal("echo: hi", Assert.Single(await bot.SendAsync(95, "hi")).Text());
        Assert.Empty(bot.Fake.CallsTo("getMe"));

        // Five groups write at once: their first getMe fails and all five are retried; the retries share one answer.
        for (var i = 1; i <= 5; i++)
        {
            Message(bot, "/help@elumenta_sandbox_bot", chatId: Group - i);
        }

        for (var i = 1; i <= 5; i++)
        {
            Assert.StartsWith("How Elumenta works", Assert.Single(await bot.NewMessagesAsync(Group - i, 0, 1)).Text(), StringComparison.Ordinal);
        }

        Assert.Equal(2, bot.Fake.CallsTo("getMe").Count);
    }

    private static void Message(OnboardingBot bot, string text, bool replyToBot = false, string? mention = null, long chatId = Group)
    {
        var message = new JsonObject
        {
            ["message_id"] = Random.Shared.Next(1000, 100000),
            ["from"] = new JsonObject { ["id"] = 92, ["is_bot"] = false, ["first_name"] = "Gus", ["language_code"] = "en" },
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "supergroup", ["title"] = "Friends" },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length });
        }

        if (mention is not null)
        {
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = text.IndexOf(mention, StringComparison.Ordinal), ["length"] = mention.Length });
        }

        if (replyToBot)
        {
            message["reply_to_message"] = new JsonObject
            {
                ["message_id"] = 5,
                ["from"] = new JsonObject { ["id"] = 7_000_000_001, ["is_bot"] = true, ["first_name"] = "Elumenta Sandbox" },
                ["chat"] = new JsonObject { ["id"] = Group, ["type"] = "supergroup" },
                ["date"] = 1,
                ["text"] = "an earlier answer",
            };
        }

        bot.Fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    /// <summary>Stands in for the chat layer: answers any plain text that reaches it.</summary>
    private sealed class EchoHandler
    {
        public Task EchoAsync(UpdateContext context, CancellationToken ct) =>
            context.Bot.SendMessage(context.Message!.Chat.Id, "echo: " + context.Message.Text, cancellationToken: ct);
    }

    private static IServiceCollection AddEcho(IServiceCollection services) =>
        services.AddScoped<EchoHandler>().AddSingleton(new RouteOverride(t =>
            t.Override("Echo").Input<EchoHandler>(InputKind.Text, Enum.GetValues<ElumentaBot.Ui.BotMode>(), (h, c, ct) => h.EchoAsync(c, ct))));
}
