using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Providers;
using ElumentaBot.Chat.Sessions;
using ElumentaBot.Profile;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Chat;

/// <summary>The real host (via <see cref="BotHarness"/>) with simulated providers, a scriptable chat model and short stream intervals.</summary>
internal sealed class ChatHarness : IAsyncDisposable
{
    /// <summary>A Starter text model that costs 1 token, for tests that need a charge (the default, gpt-5-nano, is free).</summary>
    public const string OneTokenModel = "gemini-2.5-flash";

    private readonly bool _ownsServer;

    private ChatHarness(FakeBotApiServer server, BotHarness bot, FakeChatModel model, bool ownsServer)
    {
        Server = server;
        Bot = bot;
        Model = model;
        _ownsServer = ownsServer;
    }

    public FakeBotApiServer Server { get; }

    public BotHarness Bot { get; }

    public FakeChatModel Model { get; }

    public FakeBot Fake => Bot.Fake;

    public ChatSessions Sessions => Bot.Host.Services.GetRequiredService<ChatSessions>();

    public static async Task<ChatHarness> StartAsync(string? databasePath = null, IDictionary<string, string?>? settings = null, FakeBotApiServer? server = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Providers:Mode"] = "Simulated",
            ["Telegram:Pacing:Enabled"] = "false",
            ["Chat:DraftIntervalMs"] = "100",
            ["Chat:DraftKeepAliveMs"] = "2000",
            ["Chat:GroupEditIntervalMs"] = "300",
            ["Chat:TypingIntervalMs"] = "500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var owns = server is null;
        server ??= await FakeBotApiServer.StartAsync();
        FakeChatModel? model = null;
        var bot = await BotHarness.StartAsync(server, databasePath, values, services =>
            services.AddSingleton<IChatModel>(sp => model = ActivatorUtilities.CreateInstance<FakeChatModel>(sp)));
        return new ChatHarness(server, bot, model ?? (FakeChatModel)bot.Host.Services.GetRequiredService<IChatModel>(), owns);
    }

    /// <summary>Creates the user's account (50 bonus tokens), optionally on a paid plan and with a selected text model.</summary>
    public async Task<long> AccountAsync(long telegramId, string plan = "free", string language = "en", string? textModel = null)
    {
        var services = Bot.Host.Services;
        var accounts = services.GetRequiredService<AccountService>();
        var account = (await accounts.GetOrCreateAsync(new TelegramUserInfo(telegramId, null, "Test", language))).Account;
        if (plan != "free")
        {
            await services.GetRequiredService<BillingService>().StartCycleAsync(account.Id, new CycleStart(plan));
        }

        if (textModel is not null)
        {
            await accounts.SaveSettingsAsync(account.Id, new UserSettings().WithModel(ModelCategory.Text, textModel).ToJson());
        }

        return account.Id;
    }

    public Task<long> BalanceAsync(long telegramId) =>
        Bot.QueryAsync<long>("SELECT plan_tokens + bonus_tokens FROM accounts WHERE telegram_user_id = @telegramId", new { telegramId });

    public Task<long> RateEventsAsync(long telegramId) =>
        Bot.QueryAsync<long>("SELECT COUNT(*) FROM rate_events r JOIN accounts a ON a.id = r.account_id WHERE a.telegram_user_id = @telegramId", new { telegramId });

    public Task<long> GenerationsAsync(string status) =>
        Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations WHERE status = @status", new { status });

    /// <summary>Waits until <paramref name="count"/> generations are settled and the chat has nothing running or waiting.</summary>
    public async Task WaitSettledAsync(long chatId, int count, int seconds = 20)
    {
        await BotHarness.WaitUntilAsync(async () => await Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations WHERE status <> 'pending'") >= count,
            TimeSpan.FromSeconds(seconds), $"{count} generations are settled");
        await BotHarness.WaitUntilAsync(() => Sessions.Count(chatId) == 0, TimeSpan.FromSeconds(seconds), "the chat is idle");
    }

    /// <summary>Messages sent to the chat (not drafts, not edits).</summary>
    public IReadOnlyList<FakeCall> Sent(long chatId) => Fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == chatId).ToList();

    public async Task<FakeCall> WaitForMessageAsync(long chatId, Func<FakeCall, bool> match, int seconds = 20)
    {
        FakeCall? found = null;
        await BotHarness.WaitUntilAsync(() => (found = Sent(chatId).FirstOrDefault(match)) is not null, TimeSpan.FromSeconds(seconds), "the expected message was sent");
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
