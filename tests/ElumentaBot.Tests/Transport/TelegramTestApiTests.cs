using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ElumentaBot.Tests.Transport;

/// <summary>The real host against jehy/telegram-test-api (npm), a Bot API emulator we did not write.</summary>
public sealed class TelegramTestApiTests
{
    [NodeFact]
    public async Task Start_from_the_emulators_client_gets_the_greeting_back()
    {
        var folder = NodeFactAttribute.E2eFolder();
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules", "telegram-test-api")), $"run `npm ci` in {folder} first (.ci/run does)");
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
            await using var bot = await BotHarness.StartAsync(server, settings: new Dictionary<string, string?>
            {
                ["Telegram:ApiBaseUrl"] = emulator.ToString(),
            });
            using var http = new HttpClient { BaseAddress = emulator };
            var user = new JsonObject { ["id"] = 5150, ["is_bot"] = false, ["first_name"] = "Ira", ["language_code"] = "ru" };
            var message = new JsonObject
            {
                ["botToken"] = BotHarness.Token,
                ["from"] = user,
                ["chat"] = new JsonObject { ["id"] = 5150, ["type"] = "private", ["first_name"] = "Ira" },
                ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["text"] = "/start",
                ["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = 6 }),
            };
            (await http.PostAsJsonAsync("/sendMessage", message)).EnsureSuccessStatusCode();

            string? reply = null;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (reply is null && DateTime.UtcNow < deadline)
            {
                var response = await http.PostAsJsonAsync("/getUpdates", new JsonObject { ["token"] = BotHarness.Token, ["chatId"] = 5150 });
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                reply = body["result"]?.AsArray().Select(r => r!["message"]?["text"]?.GetValue<string>()).FirstOrDefault(t => t is not null);
                await Task.Delay(100);
            }

            Assert.NotNull(reply);
            Assert.StartsWith("Привет, Ira", reply, StringComparison.Ordinal);
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
