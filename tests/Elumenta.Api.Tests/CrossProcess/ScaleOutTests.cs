extern alias bot;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Accounts;
using Elumenta.Core.Billing;
using Elumenta.Core.Catalog;
using Elumenta.Tests.Shared;
using Xunit.Abstractions;
using FakeBot = bot::ElumentaBot.Sandbox.FakeBot;
using FakeBotApiServer = bot::ElumentaBot.Sandbox.FakeBotApiServer;
using UserSettings = bot::ElumentaBot.Profile.UserSettings;

namespace Elumenta.Api.Tests.CrossProcess;

/// <summary>
/// Issue #14, the proof: two bot processes in webhook mode and one API process on one PostgreSQL database, a burst
/// for one VIP account through all three (the test plays Telegram's load balancer, spreading updates over both
/// bots), then the same with one bot SIGKILLed mid-burst. Exact limits, balanced books, one answer per question,
/// per-chat order.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output) : IDisposable
{
    private const string Model = "gemini-2.5-flash";
    private const int SingleGroups = 60;
    private const int OrderGroups = 5;
    private const int PerOrderGroup = 4;
    private const int ApiRequests = 70;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(150);
    private readonly string _dir = Directory.CreateTempSubdirectory("elumenta-scale-out-").FullName;

    [Fact]
    public async Task Two_webhook_bots_and_an_api_on_one_postgres_stay_exact_also_when_one_bot_is_killed()
    {
        var database = await TestStores.NewPostgresDatabaseAsync();
        await using var shared = await SharedStore.CreateAsync(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres", ["ConnectionStrings:Elumenta"] = database,
        });
        await using var telegram = await FakeBotApiServer.StartAsync();
        var fake = telegram.Bot(BotProcess.Token);
        using var botA = await WebhookBot.StartAsync(telegram, database, Path.Combine(_dir, "a"));
        using var botB = await WebhookBot.StartAsync(telegram, database, Path.Combine(_dir, "b"));
        await using var api = await ApiProcess.StartAsync(_dir, new Dictionary<string, string>
        {
            ["Api__Jwt__SigningKey"] = ApiServer.SigningKey,
            ["Providers__Mode"] = "Simulated",
            ["Providers__Jobs__ResultsPath"] = Path.Combine(_dir, "api-results"),
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Elumenta"] = database,
            ["Coordination__LeaseSeconds"] = "2",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        });
        var burst = new Burst(shared, fake, api, [botA, botB]);

        var calm = await burst.RunAsync(user: 971_001, updateIdBase: 10_000, killMidway: null);
        Assert.Equal(100, calm.Completed);
        Assert.Equal(0, calm.Interrupted);

        var crash = await burst.RunAsync(user: 971_002, updateIdBase: 20_000, killMidway: botB);
        Assert.True(botB.Process.HasExited);
        // Refusals happened, so at some moment 100 slots were taken; those of the killed bot's running answers were
        // given back when they were released, and nothing was ever admitted past the limit.
        Assert.InRange(crash.Completed, 100 - crash.Interrupted, 100);
        // Nothing the killed instance had accepted is lost (asserted per chat in the burst): questions it had not admitted
        // yet (received, queued behind an answer) stayed pending in the inbox and the survivor answered them once its
        // claims on their chats expired.
        output.WriteLine($"kill round: {crash.Completed} completed, {crash.Interrupted} interrupted");
    }

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

    internal sealed record Outcome(int Completed, int Interrupted);

    /// <summary>One burst for a fresh VIP account: single questions in many groups, ordered questions in a few, API POSTs.</summary>
    private sealed class Burst(SharedStore shared, FakeBot fake, ApiProcess api, WebhookBot[] bots)
    {
        public async Task<Outcome> RunAsync(long user, int updateIdBase, WebhookBot? killMidway)
        {
            var account = await shared.CreateAccountAsync(user, "vip");
            await shared.Get<AccountService>().SaveSettingsAsync(account.Id, new UserSettings().WithModel(ModelCategory.Text, Model).ToJson());
            using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Wait };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await shared.CreateKeyAsync(account.Id));

            var questions = Questions(user);
            var apiCalls = Task.WhenAll(Enumerable.Range(0, ApiRequests).Select(i =>
                client.PostAsJsonAsync("/api/v2/generate", new { model = Model, prompt = $"api {user} {i}" })));
            var alive = bots.ToList();
            for (var i = 0; i < questions.Count; i++)
            {
                if (killMidway is not null && i == questions.Count / 2)
                {
                    killMidway.Process.Kill();
                    alive.Remove(killMidway);
                }

                // The load balancer: round robin, and a delivery that fails goes to the other instance (Telegram retries).
                var update = Updates.GroupQuestion(updateIdBase + i, user, questions[i].Chat, questions[i].Text);
                await DeliverAsync(alive, i, update);
            }

            var apiStatuses = (await apiCalls).Select(r => (int)r.StatusCode).ToList();
            Assert.All(apiStatuses, s => Assert.True(s is 200 or 429 or 503, $"the API answered {s}"));
            var chats = questions.Select(q => q.Chat).Distinct().ToList();
            await WaitUntilAsync(async () =>
            {
                if (await PendingAsync(account.Id) != 0 || await InboxPendingAsync() != 0)
                {
                    return false;
                }

                return chats.All(chat => Answers.AnswerMessages(fake, chat) >= questions.Count(q => q.Chat == chat));
            },
                () => $"every question has an outcome (user {user}; pending {PendingAsync(account.Id).Result}; unanswered chats: "
                    + string.Join(", ", chats.Where(chat => Answers.AnswerMessages(fake, chat) < questions.Count(q => q.Chat == chat)).Take(5)
                        .Select(chat => $"{chat} [{string.Join(" | ", fake.Calls.Where(c => c.Long("chat_id") == chat).Select(c => $"{c.Method} {c.Status} {c.String("text")?[..Math.Min(40, c.String("text")!.Length)]}"))}]"))
                    + $"; inbox: {InboxAsync().Result})");
            // The last edits of the last answers.
            await Task.Delay(1000);

            var (completed, interrupted) = await CountAsync(account.Id);
            var slots = await shared.Store.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM rate_events WHERE account_id = @Id", new { account.Id })));
            Assert.Equal(completed, slots);
            Assert.Empty(await shared.Store.ReadAsync(c => Ledger.FindMismatchesAsync(c)));
            foreach (var chat in chats)
            {
                var asked = questions.Where(q => q.Chat == chat).Select(q => q.Text).ToList();
                // One answer (or refusal, or notice that the killed instance's answer was interrupted) per question,
                // none twice, in the order asked.
                var answers = Answers.AnswerMessages(fake, chat);
                Assert.True(answers == asked.Count,
                    $"user {user}, chat {chat}: {answers} answers to {asked.Count} questions: "
                    + string.Join(" | ", fake.Calls.Where(c => c.Long("chat_id") == chat).Select(c => $"{c.Method} {c.String("text")?[..Math.Min(60, c.String("text")!.Length)]}")));
                var answered = asked.Where(q => Answers.FirstMention(fake, chat, q) >= 0).ToList();
                Assert.Equal(answered, answered.OrderBy(q => Answers.FirstMention(fake, chat, q)).ToList());
            }

            var balance = await client.GetAsync(new Uri("/api/v2/balance", UriKind.Relative));
            Assert.Equal((100 - slots).ToString(System.Globalization.CultureInfo.InvariantCulture), Header(balance, "X-RateLimit-Remaining-Hour"));
            return new Outcome((int)completed, (int)interrupted);
        }

        private static List<(long Chat, string Text)> Questions(long user)
        {
            var singles = Enumerable.Range(1, SingleGroups).Select(g => (Chat: -1_009_800_000L - (user % 1000 * 1000) - g, Text: $"single {user} {g}")).ToList();
            var ordered = Enumerable.Range(1, OrderGroups).SelectMany(g => Enumerable.Range(1, PerOrderGroup)
                .Select(k => (Chat: -1_009_900_000L - (user % 1000 * 1000) - g, Text: $"ordered {user} {g} step{k}"))).ToList();
            // Interleave: each ordered group's steps spread through the burst, in their order.
            var all = new List<(long Chat, string Text)>(singles);
            for (var i = 0; i < ordered.Count; i++)
            {
                all.Insert(Math.Min(all.Count, i * all.Count / ordered.Count + i), ordered[i]);
            }

            return all;
        }

        private static async Task DeliverAsync(List<WebhookBot> alive, int i, string update)
        {
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var bot = alive[(i + attempt) % alive.Count];
                if (await bot.PostUpdateAsync(update))
                {
                    return;
                }

                await Task.Delay(100);
            }

            Assert.Fail("no bot instance accepted the update");
        }

        private Task<long> PendingAsync(long accountId) =>
            shared.Store.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM generations WHERE account_id = @accountId AND status = 'pending'", new { accountId })));

        private Task<(long Completed, long Interrupted)> CountAsync(long accountId) =>
            shared.Store.ReadAsync(c => c.QuerySingleAsync<(long, long)>(new CommandDefinition(
                """
                SELECT COUNT(*) FILTER (WHERE status = 'completed'), COUNT(*) FILTER (WHERE status = 'failed')
                FROM generations WHERE account_id = @accountId
                """, new { accountId })));

        private Task<long> InboxPendingAsync() =>
            shared.Store.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM update_inbox WHERE status = 'pending'"));

        private Task<string> InboxAsync() =>
            shared.Store.ReadAsync(async c => string.Join(", ", await c.QueryAsync<string>(
                "SELECT status || ':' || COUNT(*) FROM update_inbox GROUP BY status UNION ALL SELECT 'gen-' || status || ':' || COUNT(*) FROM generations GROUP BY status")) + "; claims " + await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM chat_claims"));

        private async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> because)
        {
            using var deadline = new CancellationTokenSource(Wait);
            while (!await condition())
            {
                Assert.False(deadline.IsCancellationRequested,
                    $"Timed out waiting until {because()}.\nBot A:\n{bots[0].Process.Output}\nBot B:\n{bots[1].Process.Output}\nAPI:\n{api.Output}");
                await Task.Delay(100);
            }
        }

        private static string Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.Single() : $"(no {name} header)";
    }
}
