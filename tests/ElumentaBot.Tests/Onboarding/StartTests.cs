using System.Text.RegularExpressions;
using ElumentaBot.Onboarding;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;

namespace ElumentaBot.Tests.Onboarding;

public sealed partial class StartTests
{
    [Theory]
    [InlineData("ru", "Привет, Ann!", "50 токенов", "💬 Чат", "💎 Тарифы")]
    [InlineData("en", "Hi, Ann!", "50 tokens", "💬 Chat", "💎 Plans")]
    public async Task First_start_greets_with_the_gift_and_the_mode_keyboard_in_the_users_language(string language, string hello, string gift, string first, string last)
    {
        await using var bot = await OnboardingBot.StartAsync();

        bot.Fake.SendText(41, "/start", languageCode: language, firstName: "Ann");
        var reply = Assert.Single(await bot.NewMessagesAsync(41, 0, 1));

        Assert.StartsWith(hello, reply.Text(), StringComparison.Ordinal);
        Assert.Contains(gift, reply.Text().Replace('\u00A0', ' '), StringComparison.Ordinal);
        var keys = reply.KeyboardLabels();
        Assert.Equal(7, keys.Count);
        Assert.Equal(first, keys[0]);
        Assert.Equal(last, keys[^1]);
        Assert.True(reply.Markup()!["is_persistent"]!.GetValue<bool>());
        Assert.Equal(1, await bot.CountAsync("SELECT COUNT(*) FROM accounts WHERE telegram_user_id = 41"));
    }

    [Fact]
    public async Task A_second_start_welcomes_back_with_the_balance_and_creates_nothing_new()
    {
        await using var bot = await OnboardingBot.StartAsync();
        await bot.SendAsync(42, "/start");

        var again = Assert.Single(await bot.SendAsync(42, "/start"));

        Assert.StartsWith("Welcome back, Test! Your balance: 50 tokens.", again.Text(), StringComparison.Ordinal);
        Assert.Equal(7, again.KeyboardLabels().Count);
        Assert.Equal(1, await bot.CountAsync("SELECT COUNT(*) FROM accounts WHERE telegram_user_id = 42"));
        Assert.Equal(1, await bot.CountAsync("SELECT COUNT(*) FROM ledger WHERE kind = 'signup_grant'"));
    }

    [Fact]
    public async Task A_start_payload_is_kept_on_the_new_account_and_the_greeting_is_the_same()
    {
        await using var bot = await OnboardingBot.StartAsync();

        var reply = Assert.Single(await bot.SendAsync(43, "/start ref_spring-2026"));

        Assert.StartsWith("Hi, Test!", reply.Text(), StringComparison.Ordinal);
        Assert.Equal("ref_spring-2026", (await bot.AccountAsync(43)).StartPayload);
    }

    [Fact]
    public async Task Commands_are_published_for_private_chats_in_ru_and_en_plus_a_default_list_without_admin_commands()
    {
        await using var bot = await OnboardingBot.StartAsync();

        var calls = await bot.Fake.WaitForCallsAsync("setMyCommands", 4, OnboardingBot.Timeout);

        var lists = calls.Select(c => (Scope: c.Parameters["scope"]?["type"]?.GetValue<string>(), Language: c.String("language_code"), Commands: c.Parameters["commands"]!.AsArray())).ToList();
        Assert.Contains(lists, l => l is { Scope: "all_private_chats", Language: "ru" });
        Assert.Contains(lists, l => l is { Scope: "all_private_chats", Language: "en" });
        Assert.Contains(lists, l => l is { Scope: "default", Language: null });
        foreach (var (_, language, commands) in lists)
        {
            var names = commands.Select(c => c!["command"]!.GetValue<string>()).ToList();
            Assert.Equal(BotCommandsPublisher.Public, names);
            Assert.DoesNotContain(names, n => n is "stats" or "user" or "grant" or "setplan" or "refund" or "ban" or "unban" or "broadcast");
            Assert.All(names, n => Assert.Matches(CommandName(), n));
            Assert.All(commands, c => Assert.InRange(c!["description"]!.GetValue<string>().Length, 1, 256));
            Assert.Equal(language == "ru", Cyrillic().IsMatch(commands[0]!["description"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_failing_setMyCommands_is_retried_without_holding_up_the_bot()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        server.Bot(BotHarness.Token).Fail("setMyCommands", 400, "Bad Request: try again", times: 1);
        await using var harness = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?> { ["Telegram:Pacing:Enabled"] = "false" });

        harness.Fake.SendText(44, "/start");
        Assert.Single(await harness.Fake.WaitForCallsAsync("sendMessage", 1, OnboardingBot.Timeout));
        var calls = await harness.Fake.WaitForCallsAsync("setMyCommands", 5, OnboardingBot.Timeout);

        Assert.Equal(400, calls[0].Status);
        Assert.All(calls.Skip(1), c => Assert.Equal(200, c.Status));
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandName();

    [GeneratedRegex("[а-яё]", RegexOptions.IgnoreCase)]
    private static partial Regex Cyrillic();
}
