using System.Net;
using Dapper;
using ElumentaBot.Hosting;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Chat;
using ElumentaBot.Tests.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Tests.Webhook;

public sealed class BotHttpTests
{
    [Fact]
    public async Task Polling_mode_without_Http_Urls_opens_no_port()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server);

        var http = bot.Host.Services.GetRequiredService<BotHttpServer>();
        Assert.False(http.Enabled);
        Assert.Empty(http.Addresses);
    }

    [Fact]
    public async Task Polling_mode_with_Http_Urls_serves_health_and_ready_but_no_webhook()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?> { ["Http:Urls"] = "http://127.0.0.1:0" });
        using var client = bot.Client();

        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/ready", UriKind.Relative));
        using var webhook = await bot.PostUpdateAsync("{\"update_id\":1}");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"status\":\"ready\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        await bot.Fake.WaitForCallsAsync("getUpdates", 1, TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("unknown")]
    [InlineData("unreachable")]
    public async Task Ready_is_503_with_the_reason_while_health_stays_200(string problem)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var db = BotHarness.NewDatabasePath();
        await using var bot = await WebhookHarness.StartAsync(server, db);
        using var client = bot.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode);

        switch (problem)
        {
            case "pending":
                await bot.Store.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)", transaction: t));
                break;
            case "unknown":
                await bot.Store.WriteAsync((c, t) => c.ExecuteAsync("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, '9999_future.sql', 'x', 'now')", transaction: t));
                break;
            default:
                // The file (and its WAL, which holds recent pages) is replaced by something that is no database.
                foreach (var file in new[] { db, db + "-wal", db + "-shm" }.Where(File.Exists))
                {
                    File.Move(file, file + ".away");
                }

                await File.WriteAllTextAsync(db, "this is not a database, it is a text file long enough to have a header page");
                break;
        }

        using var ready = await client.GetAsync(new Uri("/ready", UriKind.Relative));
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Contains(problem switch { "pending" => "migrations pending", "unknown" => "unknown to this build", _ => "store unreachable" }, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Metrics_expose_every_instrument_after_a_webhook_update_was_handled_and_a_generation_admitted()
    {
        await using var chat = await ChatHarness.StartAsync(settings: WebhookHarness.Settings());
        await chat.AccountAsync(101);
        chat.Model.ThenAnswer("An answer.");
        // One 429 on the answer: waited out by the pacer and counted.
        chat.Fake.FloodWait("sendMessage", retryAfter: 1);
        var id = chat.Fake.SendText(101, "Hello model");

        using var posted = await chat.Bot.PostUpdateAsync(chat.Fake.UpdateJson(id));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        await chat.WaitSettledAsync(101, 1);
        await BotHarness.WaitUntilAsync(async () => await chat.Bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @id", new { id }) == "done",
            TimeSpan.FromSeconds(10), "the update is done");

        using var client = chat.Bot.Client();
        using var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await metrics.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        // Other hosts of this test process share the meter name: counts are at least this test's, not exactly.
        Assert.Contains("elumenta_updates_handled_total{", text, StringComparison.Ordinal);
        Assert.Matches("elumenta_updates_handled_total\\{[^}]*kind=\"message\"[^}]*outcome=\"done\"[^}]*\\} [1-9]", text);
        Assert.Matches("elumenta_generations_total\\{[^}]*model=\"gpt-5-nano\"[^}]*outcome=\"completed\"", text);
        Assert.Matches("elumenta_admission_duration_seconds_count\\{[^}]*outcome=\"admitted\"[^}]*\\} [1-9]", text);
        Assert.Matches("elumenta_telegram_429_total\\{[^}]*method=\"sendMessage\"[^}]*\\} [1-9]", text);
        Assert.Matches("elumenta_inbox_backlog(\\{[^}]*\\})? \\d", text);
    }

    [Theory]
    [InlineData("Telegram:WebhookSecret", "", "WebhookSecret")]
    [InlineData("Telegram:WebhookSecret", "has space", "WebhookSecret")]
    [InlineData("Telegram:WebhookUrl", "http://bot.example.org/hook", "WebhookUrl")]
    [InlineData("Telegram:WebhookUrl", "", "WebhookUrl")]
    [InlineData("Http:Urls", "", "Http:Urls")]
    [InlineData("Telegram:Webhook:Path", "telegram", "Webhook:Path")]
    public async Task Webhook_mode_refuses_to_start_with_a_bad_setting(string key, string value, string named)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var settings = WebhookHarness.Settings(new Dictionary<string, string?> { [key] = value });
        var bot = await BotHarness.StartAsync(server, settings: settings, start: false);
        try
        {
            var error = await Assert.ThrowsAsync<OptionsValidationException>(() => bot.Host.StartAsync());

            Assert.Contains(named, error.Message, StringComparison.Ordinal);
            Assert.Empty(bot.Fake.CallsTo("setWebhook"));
        }
        finally
        {
            // A host that never started cannot be stopped: only disposed.
            bot.Host.Dispose();
        }
    }
}
