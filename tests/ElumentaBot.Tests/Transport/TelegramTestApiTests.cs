using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net;
using System.Text.Json.Nodes;

namespace ElumentaBot.Tests.Transport;

/// <summary>The real host against jehy/telegram-test-api (npm), a Bot API emulator we did not write.</summary>
public sealed class TelegramTestApiTests
{
    [NodeFact]
    public async Task Start_then_a_question_gets_an_answer_and_balance_shows_the_tokens_left()
    {
        var folder = NodeFactAttribute.E2eFolder();
        await NodeFactAttribute.EnsureInstalledAsync(folder);
        var port = FreePort();
        using var node = Process.Start(new ProcessStartInfo("node", ["launch.js", $"{port}"])
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        try
        {
            var ready = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("READY", ready);

            var emulator = new Uri($"http://127.0.0.1:{port}");
            await using var server = await Sandbox.FakeBotApiServer.StartAsync();
            using var logs = new CapturingLoggerProvider();
            await using var bot = await BotHarness.StartAsync(server, logs: logs, settings: new Dictionary<string, string?>
            {
                ["Telegram:ApiBaseUrl"] = emulator.ToString(),
                ["Providers:Mode"] = "Simulated",
            });
            using var http = new HttpClient { BaseAddress = emulator };
            var user = new UserClient(http, 5150, "Ira", "ru");

            var greeting = await user.SayAsync("/start", 1);
            Assert.StartsWith("Привет, Ira", greeting[0], StringComparison.Ordinal);

            // The emulator has no sendMessageDraft: the answer must still arrive as a normal message.
            List<string> answer;
            try
            {
                answer = await user.SayAsync("What is a token bucket?", 1);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException(ex.Message + "\n" + string.Join("\n", logs.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(e => $"{e.Category}: {e.Message} {e.Exception}")));
            }

            Assert.Contains("token bucket", answer[^1], StringComparison.OrdinalIgnoreCase);

            // The default chat model, gpt-5-nano, is free: the question counts against the hour but spends nothing.
            var balance = await user.SayAsync("/balance", 1);
            Assert.Contains("50", balance[^1], StringComparison.Ordinal);
            Assert.Contains("4 из 5 в этот час", balance[^1], StringComparison.Ordinal);
            Assert.Equal(50, await bot.QueryAsync<long>("SELECT plan_tokens + bonus_tokens FROM accounts WHERE telegram_user_id = 5150"));
        }
        finally
        {
            node.StandardInput.Close();
            if (!node.WaitForExit(5000))
            {
                node.Kill();
            }
        }
    }

    /// <summary>The emulator's client side: a user who writes to the bot and reads what it sent back.</summary>
    private sealed class UserClient(HttpClient http, long id, string name, string language)
    {
        public async Task<List<string>> SayAsync(string text, int replies)
        {
            var message = new JsonObject
            {
                ["botToken"] = BotHarness.Token,
                ["from"] = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = name, ["language_code"] = language },
                ["chat"] = new JsonObject { ["id"] = id, ["type"] = "private", ["first_name"] = name },
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["text"] = text,
            };
            if (text.StartsWith('/'))
            {
                message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = text.Split(' ')[0].Length });
            }

            (await http.PostAsJsonAsync("/sendMessage", message)).EnsureSuccessStatusCode();
            // The emulator's client getUpdates returns each bot message once (unread only).
            var received = new List<string>();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                var response = await http.PostAsJsonAsync("/getUpdates", new JsonObject { ["token"] = BotHarness.Token, ["chatId"] = id });
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                received.AddRange(body["result"]?.AsArray().Select(r => r!["message"]?["text"]?.GetValue<string>()).OfType<string>() ?? []);
                if (received.Count >= replies)
                {
                    return received;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"no reply to '{text}' from the bot within 30 s");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Skips (with the reason) only when node is not installed; a missing npm install fails the test instead.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!NodeAvailable())
        {
            Skip = "node is not installed; the telegram-test-api end-to-end test needs it";
        }
    }

    /// <summary>A fresh checkout installs the emulator from the committed lock file on first use (.ci/run does it up front).</summary>
    public static async Task EnsureInstalledAsync(string folder)
    {
        if (Directory.Exists(Path.Combine(folder, "node_modules", "telegram-test-api")))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(npm.ExitCode == 0, $"`npm ci` in {folder} failed: {await errors}");
    }

    public static string E2eFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "e2e");
            if (File.Exists(Path.Combine(candidate, "launch.js")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/e2e/launch.js not found above the test binaries");
    }

    private static bool NodeAvailable()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true });
            return probe is not null && probe.WaitForExit(10_000) && probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
