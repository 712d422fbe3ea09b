using System.Net;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Tests.Webhook;

public sealed class WebhookTests
{
    [Fact]
    public async Task Start_sets_the_webhook_with_the_secret_and_the_polling_update_kinds_and_never_polls()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await WebhookHarness.StartAsync(server);

        var call = Assert.Single(await bot.Fake.WaitForCallsAsync("setWebhook", 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(WebhookHarness.PublicUrl, call.String("url"));
        Assert.Equal(WebhookHarness.Secret, call.String("secret_token"));
        Assert.Equal(UpdateKinds.Allowed, call.Parameters["allowed_updates"]!.AsArray().Select(k => k!.ToString()));
        Assert.False(call.Flag("drop_pending_updates"));
        await Task.Delay(500);
        Assert.Empty(bot.Fake.CallsTo("getUpdates"));
        Assert.Empty(bot.Fake.CallsTo("deleteWebhook"));
    }

    [Fact]
    public async Task An_update_with_the_secret_is_stored_answered_200_and_handled_once_even_when_redelivered()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await WebhookHarness.StartAsync(server);
        var id = bot.Fake.SendText(31, "/start", firstName: "Ann");
        var json = bot.Fake.UpdateJson(id);

        using var first = await bot.PostUpdateAsync(json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // Answered only after the store committed: the row is there the moment the 200 arrives.
        Assert.Equal(1, await bot.QueryAsync<long>("SELECT COUNT(*) FROM update_inbox WHERE update_id = @id", new { id }));
        var reply = Assert.Single(await bot.Fake.WaitForCallsAsync("sendMessage", 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(31, reply.Long("chat_id"));
        Assert.StartsWith("Hi, Ann", reply.String("text"), StringComparison.Ordinal);
        await BotHarness.WaitUntilAsync(async () => await bot.QueryAsync<string>("SELECT status FROM update_inbox WHERE update_id = @id", new { id }) == "done",
            TimeSpan.FromSeconds(10), "the update is done");

        // Telegram redelivers when it missed our answer: same update_id, stored once, answered once.
        using var again = await bot.PostUpdateAsync(json);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Task.Delay(700);
        Assert.Single(bot.Fake.CallsTo("sendMessage"));
        Assert.Equal(1, await bot.InboxRowsAsync());
        Assert.Empty(bot.Fake.CallsTo("getUpdates"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("webhook_SECRET-012345678")]
    [InlineData("webhook_SECRET-0123456789x")]
    [InlineData("WEBHOOK_SECRET-0123456789")]
    public async Task A_missing_or_wrong_secret_is_401_nothing_is_stored_and_the_log_never_shows_a_secret(string? secret)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var bot = await WebhookHarness.StartAsync(server, logs: logs);
        var id = bot.Fake.SendText(31, "/start");

        using var response = await bot.PostUpdateAsync(bot.Fake.UpdateJson(id), secret);
        using var second = await bot.PostUpdateAsync(bot.Fake.UpdateJson(id), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(0, await bot.InboxRowsAsync());
        await Task.Delay(300);
        Assert.Empty(bot.Fake.CallsTo("sendMessage"));
        // One warning for both (rate limited), without the configured secret or the one sent.
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.Contains(WebhookReceiver.SecretHeader, StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(WebhookHarness.Secret, StringComparison.Ordinal)
            || (secret is { Length: > 0 } && e.Message.Contains(secret, StringComparison.Ordinal))
            || e.Message.Contains(BotHarness.Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"message\":{}}")]
    [InlineData("{\"update_id\":\"7\"}")]
    [InlineData("")]
    public async Task A_body_that_is_not_one_update_is_400_and_nothing_is_stored(string body)
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await WebhookHarness.StartAsync(server);

        using var response = await bot.PostUpdateAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task A_body_over_the_cap_is_413_and_nothing_is_stored()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await WebhookHarness.StartAsync(server, extra: new Dictionary<string, string?> { ["Telegram:Webhook:MaxBodyBytes"] = "4096" });
        var id = bot.Fake.SendText(31, new string('x', 5000));

        using var response = await bot.PostUpdateAsync(bot.Fake.UpdateJson(id));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await bot.InboxRowsAsync());
    }

    [Fact]
    public async Task A_store_that_fails_answers_500_so_telegram_redelivers_and_the_redelivery_is_handled()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        await using var bot = await WebhookHarness.StartAsync(server);
        var id = bot.Fake.SendText(31, "/start", firstName: "Ann");
        // The inbox table is briefly unusable: renamed away, then back.
        await bot.Store.WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c, "ALTER TABLE update_inbox RENAME TO update_inbox_away", transaction: t));

        using var failed = await bot.PostUpdateAsync(bot.Fake.UpdateJson(id));
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);

        await bot.Store.WriteAsync((c, t) => Dapper.SqlMapper.ExecuteAsync(c, "ALTER TABLE update_inbox_away RENAME TO update_inbox", transaction: t));
        await Task.Delay(300);
        Assert.Empty(bot.Fake.CallsTo("sendMessage"));
        using var redelivered = await bot.PostUpdateAsync(bot.Fake.UpdateJson(id));
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Single(await bot.Fake.WaitForCallsAsync("sendMessage", 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Updates_left_pending_by_a_previous_run_are_handled_when_webhook_mode_starts()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var db = BotHarness.NewDatabasePath();
        var fake = server.Bot(BotHarness.Token);
        var id = fake.SendText(31, "/start", firstName: "Ann");
        // Stored by a run that stopped before handling it.
        await using (var first = await WebhookHarness.StartAsync(server, db, new Dictionary<string, string?> { ["Telegram:PollingEnabled"] = "false" }))
        {
            await first.Host.Services.GetRequiredService<UpdateInbox>().StoreAsync([RawUpdate.Parse(System.Text.Json.JsonDocument.Parse(fake.UpdateJson(id)).RootElement)], default);
        }

        await using var bot = await WebhookHarness.StartAsync(server, db);

        Assert.Single(await bot.Fake.WaitForCallsAsync("sendMessage", 1, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Switching_back_to_polling_deletes_the_webhook_before_the_first_getUpdates()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var db = BotHarness.NewDatabasePath();
        await using (var webhook = await WebhookHarness.StartAsync(server, db))
        {
            await webhook.Fake.WaitForCallsAsync("setWebhook", 1, TimeSpan.FromSeconds(10));
        }

        await using var polling = await BotHarness.StartAsync(server, db);
        await polling.Fake.WaitForCallsAsync("getUpdates", 1, TimeSpan.FromSeconds(10));

        var calls = polling.Fake.Calls.Select(c => c.Method).ToList();
        var setAt = calls.IndexOf("setWebhook");
        var deleteAt = calls.IndexOf("deleteWebhook");
        Assert.True(setAt >= 0 && deleteAt > setAt, string.Join(",", calls));
        Assert.True(deleteAt < calls.IndexOf("getUpdates"), string.Join(",", calls));
    }

    [Fact]
    public async Task A_401_on_setWebhook_stops_the_host_and_a_429_waits_retry_after()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var fake = server.Bot(BotHarness.Token);
        fake.FloodWait("setWebhook", retryAfter: 1, times: 1);
        fake.Fail("setWebhook", 500, "Internal Server Error", times: 1);
        await using (var bot = await WebhookHarness.StartAsync(server, extra: new Dictionary<string, string?> { ["Telegram:Pacing:MaxFloodRetries"] = "0" }))
        {
            var calls = await fake.WaitForCallsAsync("setWebhook", 3, TimeSpan.FromSeconds(15));
            Assert.Equal([429, 500, 200], calls.Select(c => c.Status));
            Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(950), $"waited retry_after, was {calls[1].At - calls[0].At}");
        }

        var logs = new CapturingLoggerProvider();
        fake.Fail("setWebhook", 401, "Unauthorized", times: 100);
        await using var rejected = await WebhookHarness.StartAsync(server, logs: logs);
        var lifetime = rejected.Host.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        await BotHarness.WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, TimeSpan.FromSeconds(10), "the host stops");
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("401", StringComparison.Ordinal));
    }
}
