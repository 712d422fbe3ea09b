using System.Net.Sockets;
using System.Net;
using ElumentaBot.Sandbox;
using ElumentaBot.Transport;
using Telegram.Bot.Types;
using Telegram.Bot;

namespace ElumentaBot.Tests.Transport;

public sealed class TokenRedactionTests
{
    [Fact]
    public async Task The_token_never_appears_in_any_log_or_exception_message()
    {
        await using var server = await FakeBotApiServer.StartAsync();
        var logs = new CapturingLoggerProvider();
        var probe = new Probe { OnMessage = (ctx, ct) => ctx.Bot.SendMessage(ctx.ChatId!.Value, "echo", cancellationToken: ct) };
        var fake = server.Bot(BotHarness.Token);
        fake.FailRaw("getUpdates", 502, "<html>bad gateway</html>");
        fake.Fail("sendMessage", 400, "Bad Request: chat not found", times: 3);
        var exceptions = new List<string>();
        await using (var bot = await InboxRecoveryTests.StartAsync(server, null, probe, logs))
        {
            var id = fake.SendText(1, "hi");
            fake.SendText(2, "/start");
            await BotHarness.WaitUntilAsync(() => fake.CallsTo("sendMessage").Count >= 5, TimeSpan.FromSeconds(15), "sends happened");
            fake.Fail("getFile", 400, "Bad Request: wrong file_id");
            exceptions.Add((await Assert.ThrowsAnyAsync<Telegram.Bot.Exceptions.RequestException>(() => bot.Bot.GetFile("nope"))).ToString());
            Assert.True(probe.HandledCount.IsEmpty || !probe.HandledCount.ContainsKey(id) || fake.CallsTo("sendMessage").Count > 3);
            await bot.StopAsync();
        }

        // A transport failure (nothing listens there) and a timeout, with their full exception text.
        await using (var dead = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?>
        {
            ["Telegram:PollingEnabled"] = "false", ["Telegram:ApiBaseUrl"] = $"http://127.0.0.1:{FreePort()}", ["Telegram:RequestTimeoutSeconds"] = "1",
        }, logs: logs))
        {
            exceptions.Add((await Assert.ThrowsAnyAsync<Telegram.Bot.Exceptions.RequestException>(() => dead.Bot.SendMessage(1, "x"))).ToString());
        }

        await using (var slow = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?>
        {
            ["Telegram:PollingEnabled"] = "false", ["Telegram:RequestTimeoutSeconds"] = "1",
        }, logs: logs))
        {
            fake.Delay("getMe", TimeSpan.FromSeconds(3));
            var timeout = await Assert.ThrowsAnyAsync<Telegram.Bot.Exceptions.RequestException>(() => slow.Bot.GetMe());
            Assert.True(timeout.IsTransient());
            exceptions.Add(timeout.ToString());
        }

        Assert.Contains(logs.Entries, e => e.Category.StartsWith("ElumentaBot", StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Message.Contains("bot***", StringComparison.Ordinal));
        var secret = BotHarness.Token.Split(':')[1];
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || e.Exception?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.All(exceptions, e => Assert.DoesNotContain(secret, e, StringComparison.Ordinal));
    }

    [Fact]
    public void Redactor_masks_tokens_in_urls_and_text()
    {
        Assert.Equal("http://h/bot***/getMe", TokenRedactor.Redact("http://h/bot123456:AAbbCC-dd_eeFF/getMe"));
        Assert.Equal("token ***!", TokenRedactor.Redact("token 123456:AAbbCC-dd_eeFF!"));
        Assert.Equal("12:30 today", TokenRedactor.Redact("12:30 today"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
