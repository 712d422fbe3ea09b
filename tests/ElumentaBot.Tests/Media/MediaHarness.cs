using System.Text.Json.Nodes;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Generations;
using ElumentaBot.Profile;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Media;

/// <summary>System time plus an offset the test moves: timers stay real, "now" jumps (confirmation expiry).</summary>
internal sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>The real bot on simulated providers, fast progress pacing, and helpers that act as a Telegram user.</summary>
internal sealed class MediaHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private bool _ownsServer;

    private MediaHarness(FakeBotApiServer server, BotHarness bot, ShiftableClock clock)
    {
        Server = server;
        Bot = bot;
        Clock = clock;
    }

    public FakeBotApiServer Server { get; }
    public BotHarness Bot { get; }
    public ShiftableClock Clock { get; }
    public FakeBot Fake => Bot.Fake;
    public IServiceProvider Services => Bot.Host.Services;

    public static async Task<MediaHarness> StartAsync(IDictionary<string, string?>? settings = null, string? databasePath = null, FakeBotApiServer? server = null)
    {
        var owns = server is null;
        server ??= await FakeBotApiServer.StartAsync();
        var clock = new ShiftableClock();
        var values = Settings(databasePath ?? BotHarness.NewDatabasePath());
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        var bot = await BotHarness.StartAsync(server, values["ConnectionStrings:Elumenta"], values,
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        return new MediaHarness(server, bot, clock) { _ownsServer = owns };
    }

    public static Dictionary<string, string?> Settings(string databasePath) => new()
    {
        ["ConnectionStrings:Elumenta"] = databasePath,
        ["Providers:Mode"] = "Simulated",
        ["Providers:Jobs:Tick"] = "00:00:00.100",
        ["Providers:Jobs:ResultsPath"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "results"),
        ["Media:ChatActionInterval"] = "00:00:00.050",
        ["Media:ProgressEditInterval"] = "00:00:00.100",
        ["Telegram:Pacing:Enabled"] = "false",
    };

    /// <summary>An account in the given mode with the sign-up bonus (50), optionally on a paid plan and with extra tokens.</summary>
    public async Task<long> UserAsync(long userId, BotMode mode, string? plan = null, int grant = 0, Func<UserSettings, UserSettings>? settings = null)
    {
        var accounts = Services.GetRequiredService<AccountService>();
        var account = (await accounts.GetOrCreateAsync(new TelegramUserInfo(userId, null, "Test", "en"))).Account;
        var chosen = new UserSettings { Mode = mode };
        await accounts.SaveSettingsAsync(account.Id, (settings?.Invoke(chosen) ?? chosen).ToJson());
        if (plan is not null)
        {
            await Services.GetRequiredService<BillingService>().StartCycleAsync(account.Id, new CycleStart(plan));
        }

        if (grant > 0)
        {
            await Services.GetRequiredService<BillingService>().AdminGrantAsync(account.Id, grant, 1);
        }

        return account.Id;
    }

    public async Task<int> BalanceAsync(long userId) =>
        (await Services.GetRequiredService<AccountService>().FindByTelegramIdAsync(userId))!.Balance;

    public Task<long> GenerationCountAsync(long accountId) =>
        Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations WHERE account_id = @accountId", new { accountId });

    public async Task<Generation> LastGenerationAsync(long accountId) =>
        (await Services.GetRequiredService<GenerationStore>().ListRecentAsync(accountId, 1))[0];

    public Task JobStartedAsync(long accountId) => BotHarness.WaitUntilAsync(
        async () => await Bot.QueryAsync<long>("SELECT COUNT(*) FROM generations WHERE account_id = @accountId AND provider_job_id IS NOT NULL", new { accountId }) > 0,
        Wait, "the job reached the provider");

    public int SendPhoto(long userId, string fileId, string? caption = null, long? size = null, byte[]? content = null)
    {
        Fake.AddFile(fileId, content ?? [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]);
        var message = Message(userId);
        message["photo"] = new JsonArray(
            new JsonObject { ["file_id"] = fileId + "-small", ["file_unique_id"] = "s" + fileId, ["width"] = 90, ["height"] = 60 },
            new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["width"] = 640, ["height"] = 480, ["file_size"] = size ?? 7 });
        if (caption is not null)
        {
            message["caption"] = caption;
        }

        return Fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    public int SendVoice(long userId, string fileId, int seconds, long size = 7)
    {
        Fake.AddFile(fileId, [0x4F, 0x67, 0x67, 0x53, 1, 2, 3]);
        var message = Message(userId);
        message["voice"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["duration"] = seconds, ["mime_type"] = "audio/ogg", ["file_size"] = size };
        return Fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    public int SendDocument(long userId, string fileId, string mime, long size)
    {
        var message = Message(userId);
        message["document"] = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["mime_type"] = mime, ["file_name"] = "x", ["file_size"] = size };
        return Fake.AddUpdate(new JsonObject { ["message"] = message });
    }

    /// <summary>Waits for a sendMessage whose text contains <paramref name="fragment"/>.</summary>
    public async Task<FakeCall> MessageContainingAsync(string fragment, string method = "sendMessage")
    {
        FakeCall? found = null;
        await BotHarness.WaitUntilAsync(
            () => (found = Fake.CallsTo(method).LastOrDefault(c => (c.String("text") ?? c.String("caption") ?? "").Contains(fragment, StringComparison.Ordinal))) is not null,
            Wait, $"a {method} containing '{fragment}'");
        return found!;
    }

    public async Task<IReadOnlyList<FakeCall>> CallsAsync(string method, int count)
    {
        var calls = await Fake.WaitForCallsAsync(method, count, Wait);
        Assert.True(calls.Count >= count, $"expected {count} {method}, got {calls.Count}");
        return calls;
    }

    /// <summary>The callback data of the button whose text contains <paramref name="label"/> on a recorded message.</summary>
    public static string Button(FakeCall call, string label)
    {
        var rows = call.Parameters["reply_markup"]?["inline_keyboard"]?.AsArray() ?? throw new InvalidOperationException("no keyboard");
        return rows.SelectMany(r => r!.AsArray()).Select(b => b!)
            .First(b => b["text"]!.ToString().Contains(label, StringComparison.Ordinal))["callback_data"]!.ToString();
    }

    public static IEnumerable<string> ButtonTexts(FakeCall call) =>
        call.Parameters["reply_markup"]?["inline_keyboard"]?.AsArray().SelectMany(r => r!.AsArray()).Select(b => b!["text"]!.ToString()) ?? [];

    private static JsonObject Message(long userId) => new()
    {
        ["message_id"] = Random.Shared.Next(1000, 1_000_000),
        ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Test", ["language_code"] = "en" },
        ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private" },
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
    };

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        if (_ownsServer)
        {
            await Server.DisposeAsync();
        }
    }
}
