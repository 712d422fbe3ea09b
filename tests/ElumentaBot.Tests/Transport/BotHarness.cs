using System.Collections.Concurrent;
using Dapper;
using Elumenta.Core.Storage;
using ElumentaBot.Hosting;
using ElumentaBot.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;

namespace ElumentaBot.Tests.Transport;

/// <summary>The real bot host against a <see cref="FakeBotApiServer"/> and a SQLite file in a temp folder.</summary>
internal sealed class BotHarness : IAsyncDisposable
{
    public const string Token = "123456789:TEST-secret_token-ABCDEFGHIJKLMNOP";

    private BotHarness(IHost host, FakeBot fake)
    {
        Host = host;
        Fake = fake;
    }

    public IHost Host { get; }

    public FakeBot Fake { get; }

    public ITelegramBotClient Bot => Host.Services.GetRequiredService<ITelegramBotClient>();

    public Store Store => Host.Services.GetRequiredService<Store>();

    public static string NewDatabasePath()
    {
        var dir = Path.Combine(Path.GetTempPath(), "elumenta-transport-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "bot.db");
    }

    public static async Task<BotHarness> StartAsync(
        FakeBotApiServer server,
        string? databasePath = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        CapturingLoggerProvider? logs = null,
        bool start = true)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Elumenta"] = databasePath ?? NewDatabasePath(),
            ["Telegram:BotToken"] = Token,
            ["Telegram:ApiBaseUrl"] = server.BaseUrl + "some/path/ignored",
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Telegram:BackoffMinMs"] = "50",
            ["Telegram:BackoffMaxMs"] = "400",
            ["Telegram:ConflictBackoffMs"] = "300",
            ["Telegram:ShutdownDeadlineSeconds"] = "2",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };
        if (logs is not null)
        {
            // Serilog filters before the captured providers see anything (writeToProviders): open every category.
            values["Serilog:MinimumLevel:Default"] = "Verbose";
            values["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose";
            values["Serilog:MinimumLevel:Override:System"] = "Verbose";
            values["Serilog:MinimumLevel:Override:System.Net.Http.HttpClient"] = "Verbose";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = BotHost.CreateBuilder([], c => c.AddInMemoryCollection(values));
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        if (start)
        {
            await host.StartAsync();
        }

        return new BotHarness(host, server.Bot(Token));
    }

    public async Task<T> QueryAsync<T>(string sql, object? args = null) =>
        (await Store.ReadAsync(c => c.ExecuteScalarAsync<T>(new CommandDefinition(sql, args))))!;

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await Host.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (ObjectDisposedException)
        {
        }

        Host.Dispose();
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {because}");
            await Task.Delay(20);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {because}");
            await Task.Delay(20);
        }
    }
}

/// <summary>Every log line of every category and level, with its exception text.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, string? Exception)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception) + " " + state, exception?.ToString()));
    }
}
