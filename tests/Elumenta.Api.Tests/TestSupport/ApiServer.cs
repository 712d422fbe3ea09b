using System.Net.Http.Headers;
using Elumenta.Api.Hosting;
using Elumenta.Core.Accounts;
using Elumenta.Core.ApiKeys;
using Elumenta.Core.Billing;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Elumenta.Api.Tests.TestSupport;

/// <summary>
/// The real API on a real Kestrel port on loopback, on its own SQLite file migrated with the real migrations,
/// every provider simulated. Tests talk to it over HTTP and seed accounts through the same core services.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    public const string TestBotToken = "123456:test-widget-signing-token";
    public const string SigningKey = "test-signing-key-that-is-at-least-32-bytes-long";

    private readonly WebApplication _app;

    private ApiServer(WebApplication app, string dir, ManualClock? clock)
    {
        _app = app;
        Directory = dir;
        Clock = clock;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Client = NewClient();
    }

    public string Directory { get; }
    public string DatabasePath => Path.Combine(Directory, "elumenta.db");
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <summary>The clock the app runs on when the test asked for one (otherwise the system clock).</summary>
    public ManualClock? Clock { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Configuration overrides (key → value), applied last.</param>
    /// <param name="services">Service overrides, applied after the app's own.</param>
    public static async Task<ApiServer> StartAsync(
        IDictionary<string, string?>? settings = null, ManualClock? clock = null, Action<IServiceCollection>? services = null, string? databasePath = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "elumenta-api-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Elumenta"] = databasePath ?? Path.Combine(dir, "elumenta.db"),
            ["Providers:Mode"] = "Simulated",
            ["Providers:Jobs:ResultsPath"] = Path.Combine(dir, "results"),
            ["Providers:Jobs:Tick"] = "00:00:00.050",
            ["Api:Jwt:SigningKey"] = SigningKey,
            ["Telegram:BotToken"] = TestBotToken,
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        if (databasePath is null && Elumenta.Tests.Shared.TestStores.Provider == Elumenta.Core.Storage.StoreProvider.Postgres)
        {
            config["Storage:Provider"] = "Postgres";
            config["ConnectionStrings:Elumenta"] = await Elumenta.Tests.Shared.TestStores.NewPostgresDatabaseAsync();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var app = ApiHost.Build([], c => c.AddInMemoryCollection(config), s =>
        {
            if (clock is not null)
            {
                s.AddSingleton<TimeProvider>(clock);
            }

            services?.Invoke(s);
        });
        await app.StartAsync();
        return new ApiServer(app, dir, clock);
    }

    public HttpClient NewClient(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>A Telegram user's account as the bot would create it, on <paramref name="plan"/>.</summary>
    public async Task<Account> CreateAccountAsync(long telegramUserId, string plan = "free")
    {
        var session = await Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(telegramUserId, $"user{telegramUserId}", "Test", "en"));
        if (plan != "free")
        {
            await Get<BillingService>().StartCycleAsync(session.Account.Id, new CycleStart(plan));
        }

        return (await Get<AccountService>().FindAsync(session.Account.Id))!;
    }

    /// <summary>An account on <paramref name="plan"/> with a fresh nb_ key, and a client that sends it.</summary>
    public async Task<(Account Account, string Key, HttpClient Client)> CreateKeyClientAsync(long telegramUserId, string plan = "vip")
    {
        var account = await CreateAccountAsync(telegramUserId, plan);
        var key = (await Get<ApiKeyStore>().CreateAsync(account.Id, "test"))!;
        return (account, key.Secret, NewClient(key.Secret));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
