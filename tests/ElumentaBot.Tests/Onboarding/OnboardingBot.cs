using System.Text.Json.Nodes;
using Dapper;
using Elumenta.Core.Accounts;
using ElumentaBot.Onboarding;
using ElumentaBot.Profile;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Onboarding;

/// <summary>
/// The real host with the onboarding handlers and the unknown-command fallback, all providers simulated (available)
/// unless told otherwise, pacing off. Helpers send updates as a user would and wait for what the user receives.
/// </summary>
internal sealed class OnboardingBot : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly FakeBotApiServer _server;
    private int _nextCallbackMessageId = 500;

    private OnboardingBot(FakeBotApiServer server, BotHarness harness, CapturingLoggerProvider logs)
    {
        _server = server;
        Harness = harness;
        Logs = logs;
    }

    public BotHarness Harness { get; }

    public CapturingLoggerProvider Logs { get; }

    public FakeBot Fake => Harness.Fake;

    public static async Task<OnboardingBot> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var values = new Dictionary<string, string?> { ["Providers:Mode"] = "Simulated", ["Telegram:Pacing:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var harness = await BotHarness.StartAsync(server, settings: values, logs: logs, services: s =>
        {
            services?.Invoke(s);
        });
        return new OnboardingBot(server, harness, logs);
    }

    /// <summary>Messages (sent or edited) to <paramref name="chatId"/>, in order.</summary>
    public IReadOnlyList<FakeCall> MessagesTo(long chatId) =>
        Fake.Calls.Where(c => c.Method is "sendMessage" or "editMessageText" && c.Long("chat_id") == chatId).ToList();

    /// <summary>Sends <paramref name="text"/> and returns the messages it caused once <paramref name="expected"/> have arrived.</summary>
    public async Task<IReadOnlyList<FakeCall>> SendAsync(long chatId, string text, int expected = 1, string? language = "en", long? userId = null)
    {
        var before = MessagesTo(chatId).Count;
        Fake.SendText(chatId, text, userId, language);
        return await NewMessagesAsync(chatId, before, expected);
    }

    /// <summary>Taps a button on a message the bot sent (id <paramref name="messageId"/>); returns the answer to the query and the messages it caused.</summary>
    public async Task<(FakeCall Answer, IReadOnlyList<FakeCall> Messages)> TapAsync(long chatId, string data, int expected = 1, long? userId = null, int? messageId = null, bool accessible = true, string language = "en")
    {
        var before = MessagesTo(chatId).Count;
        var id = Guid.NewGuid().ToString("N");
        Fake.AddUpdate(new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = id,
                ["from"] = new JsonObject { ["id"] = userId ?? chatId, ["is_bot"] = false, ["first_name"] = "Test", ["language_code"] = language },
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId ?? Interlocked.Increment(ref _nextCallbackMessageId),
                    ["date"] = accessible ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() : 0,
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
                },
                ["chat_instance"] = "1",
                ["data"] = data,
            },
        });
        FakeCall? answer = null;
        await BotHarness.WaitUntilAsync(() => (answer = Fake.CallsTo("answerCallbackQuery").FirstOrDefault(c => c.String("callback_query_id") == id)) is not null, Timeout, $"'{data}' is answered");
        return (answer!, await NewMessagesAsync(chatId, before, expected));
    }

    public async Task<IReadOnlyList<FakeCall>> NewMessagesAsync(long chatId, int before, int expected)
    {
        await BotHarness.WaitUntilAsync(() => MessagesTo(chatId).Count >= before + expected, Timeout, $"{expected} messages reach chat {chatId}");
        return MessagesTo(chatId).Skip(before).ToList();
    }

    public async Task<Account> AccountAsync(long telegramUserId) =>
        (await Harness.Host.Services.GetRequiredService<AccountService>().FindByTelegramIdAsync(telegramUserId))!;

    public async Task<UserSettings> SettingsAsync(long telegramUserId) => UserSettings.Of(await AccountAsync(telegramUserId));

    public Task<long> CountAsync(string sql, object? args = null) => Harness.QueryAsync<long>(sql, args);

    public Task ExecuteAsync(string sql, object? args = null) =>
        Harness.Store.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(sql, args, t)));

    public T Service<T>()
        where T : notnull => Harness.Host.Services.GetRequiredService<T>();

    /// <summary>No error was logged (a forged button must never surface as an exception).</summary>
    public void AssertNoErrors()
    {
        var errors = Logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await _server.DisposeAsync();
    }
}

/// <summary>Reading what a recorded call showed the user.</summary>
internal static class Shown
{
    public static string Text(this FakeCall call) => call.String("text") ?? "";

    public static JsonNode? Markup(this FakeCall call) => call.Parameters["reply_markup"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => JsonNode.Parse(s),
        var node => node,
    };

    /// <summary>Inline buttons as (text, callback_data), row by row flattened.</summary>
    public static List<(string Text, string? Data)> Buttons(this FakeCall call) =>
        call.Markup()?["inline_keyboard"]?.AsArray().SelectMany(r => r!.AsArray())
            .Select(b => (b!["text"]!.GetValue<string>(), b["callback_data"]?.GetValue<string>())).ToList() ?? [];

    /// <summary>Reply keyboard labels, row by row flattened.</summary>
    public static List<string> KeyboardLabels(this FakeCall call) =>
        call.Markup()?["keyboard"]?.AsArray().SelectMany(r => r!.AsArray()).Select(b => b!["text"]!.GetValue<string>()).ToList() ?? [];

    public static (string Text, string? Data) Button(this FakeCall call, string data) =>
        call.Buttons().Single(b => b.Data == data);
}
