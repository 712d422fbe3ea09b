extern alias bot;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using FakeBot = bot::ElumentaBot.Sandbox.FakeBot;
using FakeBotApiServer = bot::ElumentaBot.Sandbox.FakeBotApiServer;
using UserSettings = bot::ElumentaBot.Profile.UserSettings;

namespace Elumenta.Api.Tests.CrossProcess;

/// <summary>
/// Issue #12, "one account, one set of limits": the real bot and the real API as two processes on one SQLite file,
/// hammering one VIP account (100 requests an hour) at the same time.
/// </summary>
public sealed partial class OneAccountTwoProcessesTests : IDisposable
{
    private const long User = 970_001;
    private const int PerProcess = 75;

    // Priced 1 token on both sides, so the balance shows the admitted count as well as the limit headers do.
    private const string Model = "gemini-2.5-flash";
    private const int VipTokens = 1550;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    private readonly string _dir = Directory.CreateTempSubdirectory("elumenta-two-processes-").FullName;

    [Fact]
    public async Task A_bot_and_an_api_process_on_one_store_admit_exactly_the_hourly_limit_and_agree_afterwards()
    {
        var database = Path.Combine(_dir, "shared.db");
        await using var shared = await SharedStore.CreateAsync(database);
        var account = await shared.CreateAccountAsync(User, "vip");
        await shared.Get<AccountService>().SaveSettingsAsync(account.Id, new UserSettings().WithModel(ModelCategory.Text, Model).ToJson());
        var key = await shared.CreateKeyAsync(account.Id);

        await using var telegram = await FakeBotApiServer.StartAsync();
        var fake = telegram.Bot(BotProcess.Token);
        using var botProcess = BotProcess.Start(telegram, database, Path.Combine(_dir, "bot-results"), new Dictionary<string, string> { ["Chat__GroupEditIntervalMs"] = "50" });
        await using var api = await ApiProcess.StartAsync(_dir, new Dictionary<string, string>
        {
            ["Api__Jwt__SigningKey"] = ApiServer.SigningKey,
            ["Providers__Mode"] = "Simulated",
            ["Providers__Jobs__ResultsPath"] = Path.Combine(_dir, "api-results"),
            ["ConnectionStrings__Elumenta"] = database,
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        fake.SendText(User, "/start");
        await WaitUntilAsync(() => Task.FromResult(MessagesTo(fake, User).Count > 0), "the bot polls and greets the user", botProcess);
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Wait };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        // One chat answers one message at a time, so the bot's concurrent requests are the same user's in
        // 75 different groups (the sender's account pays); the API's are 75 POSTs in flight at once.
        var groups = Enumerable.Range(1, PerProcess).Select(i => -1_009_700_000L - i).ToList();
        groups.ForEach(group => AskInGroup(fake, group, $"question in {group}"));
        var answers = await Task.WhenAll(Enumerable.Range(0, PerProcess).Select(i =>
            client.PostAsJsonAsync("/api/v2/generate", new { model = Model, prompt = $"api question {i}" })));

        var apiStatuses = answers.Select(a => (int)a.StatusCode).ToList();
        foreach (var answer in answers.Where(a => (int)a.StatusCode is not (200 or 429)))
        {
            Assert.Fail($"POST /api/v2/generate answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        }

        foreach (var refused in answers.Where(a => (int)a.StatusCode == 429))
        {
            var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("rate_limit_exceeded", body.GetProperty("error").GetString());
            Assert.Equal(100, body.GetProperty("limit_hour").GetInt32());
        }

        var apiAdmitted = apiStatuses.Count(s => s == 200);
        var apiRefused = apiStatuses.Count(s => s == 429);
        // Settled: nothing pending, and every one of the 150 requests is either a completed generation or a refusal.
        await WaitUntilAsync(async () =>
        {
            var (completed, pending) = await CountAsync(shared, account.Id);
            return pending == 0 && completed + LimitRefusals(fake, groups) + apiRefused == 2 * PerProcess;
        }, "the bot has answered or refused every group", botProcess);

        var (admitted, stillPending) = await CountAsync(shared, account.Id);
        var counted = await shared.Store.ReadAsync(c => c.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT COUNT(*) FROM rate_events WHERE account_id = @Id", new { account.Id })));
        var botAdmitted = PerProcess - LimitRefusals(fake, groups);
        Assert.Equal((100L, 0L, 100L), (admitted, stillPending, counted));
        Assert.Equal(100, apiAdmitted + botAdmitted);
        Assert.InRange(botAdmitted, 1, PerProcess);

        // The API's view afterwards: the limit headers of any authenticated answer, and the balance.
        var balance = await client.GetAsync(new Uri("/api/v2/balance", UriKind.Relative));
        Assert.Equal("100", Header(balance, "X-RateLimit-Limit-Hour"));
        Assert.Equal("0", Header(balance, "X-RateLimit-Remaining-Hour"));
        Assert.Equal("900", Header(balance, "X-RateLimit-Remaining-Day"));
        var tokens = (await balance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token_balance").GetInt32();
        Assert.Equal(VipTokens - 100, tokens);

        // The bot's view of the same account: /balance in the private chat.
        fake.SendText(User, "/balance");
        await WaitUntilAsync(() => Task.FromResult(Profiles(fake).Count > 0), "the bot answers /balance", botProcess);
        var profile = Assert.Single(Profiles(fake));
        Assert.Contains("Requests left: 0 of 100 this hour, 900 of 1,000 today", profile, StringComparison.Ordinal);
        Assert.Equal(tokens, int.Parse(TotalTokens().Match(profile).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }

    /// <summary>"@bot question" in a group: addressed to the bot, so it is answered like a private message.</summary>
    private static void AskInGroup(FakeBot fake, long group, string question)
    {
        const string mention = "@elumenta_sandbox_bot";
        fake.AddUpdate(new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["message_id"] = 1,
                ["from"] = new JsonObject { ["id"] = User, ["is_bot"] = false, ["first_name"] = "Test", ["language_code"] = "en" },
                ["chat"] = new JsonObject { ["id"] = group, ["type"] = "supergroup", ["title"] = "group" },
                ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
                ["text"] = $"{mention} {question}",
                ["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = 0, ["length"] = mention.Length }),
            },
        });
    }

    private static List<bot::ElumentaBot.Sandbox.FakeCall> MessagesTo(FakeBot fake, long chatId) =>
        [.. fake.CallsTo("sendMessage").Where(c => c.Long("chat_id") == chatId && c.Status == 200)];

    private static List<string> Profiles(FakeBot fake) =>
        [.. MessagesTo(fake, User).Select(m => m.String("text") ?? "").Where(t => t.StartsWith("👤 Profile", StringComparison.Ordinal))];

    private static int LimitRefusals(FakeBot fake, List<long> groups) =>
        fake.CallsTo("sendMessage").Where(c => c.Status == 200 && groups.Contains(c.Long("chat_id") ?? 0)
            && c.String("text")?.Contains("limit of 100 requests per hour", StringComparison.Ordinal) == true)
            .Select(c => c.Long("chat_id")).Distinct().Count();

    private static Task<(long Completed, long Pending)> CountAsync(SharedStore shared, long accountId) =>
        shared.Store.ReadAsync(c => c.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT COALESCE(SUM(status = 'completed'), 0), COALESCE(SUM(status = 'pending'), 0)
            FROM generations WHERE account_id = @accountId
            """, new { accountId })));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : $"(no {name} header)";

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, BotProcess botProcess)
    {
        using var deadline = new CancellationTokenSource(Wait);
        while (!await condition())
        {
            Assert.False(deadline.IsCancellationRequested, $"Timed out waiting until {because}. Bot output:\n{botProcess.Output}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex(@"Total: ([\d,]+) tokens")]
    private static partial Regex TotalTokens();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
