using ElumentaBot.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Tests.Transport;

public sealed class PollingFaultTests
{
    [Fact]
    public async Task A_401_stops_polling_and_the_host_with_a_critical_log()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        server.Bot(BotHarness.Token).Fail("getUpdates", 401, "Unauthorized", times: 100);
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, new Probe(), logs);
        var lifetime = bot.Host.Services.GetRequiredService<IHostApplicationLifetime>();

        await BotHarness.WaitUntilAsync(() => lifetime.ApplicationStopping.IsCancellationRequested, TimeSpan.FromSeconds(10), "the host stops");
        await Task.Delay(300);

        Assert.Single(bot.Fake.CallsTo("getUpdates"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Critical && e.Message.Contains("401", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_409_is_logged_loudly_and_backed_off_then_polling_recovers()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var probe = new Probe();
        var fake = server.Bot(BotHarness.Token);
        fake.Fail("getUpdates", 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", times: 2);
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, probe, logs);
        var id = fake.SendText(9, "after the conflict");

        await BotHarness.WaitUntilAsync(() => probe.HandledCount.ContainsKey(id), TimeSpan.FromSeconds(10), "polling recovers");
        var polls = fake.CallsTo("getUpdates");
        Assert.Equal([409, 409], polls.Take(2).Select(c => c.Status));
        // The poller waits at least ConflictBackoffMs (300) after each 409; the gap is read from two server-side
        // arrival times, so timer granularity gets a small allowance.
        Assert.True(polls[1].At - polls[0].At >= TimeSpan.FromMilliseconds(270), $"backed off at least ConflictBackoffMs, was {polls[1].At - polls[0].At}");
        Assert.True(polls[2].At - polls[1].At >= TimeSpan.FromMilliseconds(270), $"backed off again, was {polls[2].At - polls[1].At}");
        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains("409 Conflict", StringComparison.Ordinal)));
        // A 409 may mean a webhook was set meanwhile: deleteWebhook is repeated before the next poll.
        Assert.Equal(3, fake.CallsTo("deleteWebhook").Count);
    }

    [Fact]
    public async Task Server_errors_and_proxy_pages_back_off_exponentially_then_recover()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var probe = new Probe();
        var fake = server.Bot(BotHarness.Token);
        fake.Fail("getUpdates", 500, "Internal Server Error", times: 2);
        fake.FailRaw("getUpdates", 502, "<html><body>502 Bad Gateway</body></html>", times: 2);
        var id = fake.SendText(9, "after the outage");
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, probe, logs);

        await BotHarness.WaitUntilAsync(() => probe.HandledCount.ContainsKey(id), TimeSpan.FromSeconds(10), "polling recovers");
        var polls = fake.CallsTo("getUpdates");
        Assert.Equal([500, 500, 502, 502, 200], polls.Take(5).Select(c => c.Status));
        var gaps = polls.Take(5).Zip(polls.Skip(1).Take(4), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        Assert.All(gaps, g => Assert.True(g >= 35, $"gap {g} ms is below the minimum backoff"));
        Assert.True(gaps[2] > gaps[0], $"backoff grows: {string.Join(", ", gaps)}");
        // One line per failed attempt (method, error, next retry) without a stack trace, then one line for the recovery.
        var failures = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("getUpdates failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, failures.Count);
        Assert.All(failures, e => Assert.Null(e.Exception));
        Assert.Contains("retrying in", failures[0].Message, StringComparison.Ordinal);
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("Bot API reachable again after", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task Polling_sends_the_explicit_update_list_and_a_timeout_with_the_offset()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var probe = new Probe();
        var fake = server.Bot(BotHarness.Token);
        var id = fake.SendText(5, "hello");
        await using var bot = await InboxRecoveryTests.StartAsync(server, null, probe);
        await BotHarness.WaitUntilAsync(() => probe.HandledCount.ContainsKey(id), TimeSpan.FromSeconds(10), "handled");
        await fake.WaitForCallsAsync("getUpdates", 2, TimeSpan.FromSeconds(5));

        var webhook = Assert.Single(fake.CallsTo("deleteWebhook"));
        Assert.False(webhook.Flag("drop_pending_updates"));
        var polls = fake.CallsTo("getUpdates");
        Assert.Equal(1, polls[0].Long("timeout"));
        Assert.Contains("pre_checkout_query", polls[0].String("allowed_updates"), StringComparison.Ordinal);
        Assert.Contains("stopped_message_generation", polls[0].String("allowed_updates"), StringComparison.Ordinal);
        Assert.Equal(id + 1, polls[1].Long("offset"));
    }
}
