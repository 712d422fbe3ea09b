extern alias bot;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Elumenta.Api.Tests.TestSupport;
using FakeBot = bot::ElumentaBot.Sandbox.FakeBot;
using FakeBotApiServer = bot::ElumentaBot.Sandbox.FakeBotApiServer;

namespace Elumenta.Api.Tests.CrossProcess;

/// <summary>The real bot as a process in webhook mode on PostgreSQL; the test posts updates as Telegram would.</summary>
internal sealed class WebhookBot : IDisposable
{
    public const string Secret = "scale-out-test-secret_0123456789";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private WebhookBot(BotProcess process, Uri baseAddress) => (Process, BaseAddress) = (process, baseAddress);

    public BotProcess Process { get; }

    public Uri BaseAddress { get; }

    public static async Task<WebhookBot> StartAsync(FakeBotApiServer telegram, string database, string results)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{ApiProcess.FreePort().ToString(CultureInfo.InvariantCulture)}");
        var process = BotProcess.Start(telegram, database, results, new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Telegram__Mode"] = "Webhook",
            ["Telegram__WebhookUrl"] = new Uri(baseAddress, "/telegram/webhook").ToString(),
            ["Telegram__WebhookSecret"] = Secret,
            ["Http__Urls"] = baseAddress.ToString().TrimEnd('/'),
            ["Coordination__LeaseSeconds"] = "2",
            ["Chat__GroupEditIntervalMs"] = "50",
        });
        var bot = new WebhookBot(process, baseAddress);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, $"The bot exited before it was ready:\n{process.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The bot was not ready within a minute:\n{process.Output}");
            try
            {
                if ((await Http.GetAsync(new Uri(baseAddress, "/ready"))).StatusCode == HttpStatusCode.OK)
                {
                    return bot;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }
    }

    /// <summary>True when the bot stored the update (200); false when it is down or refused it for now.</summary>
    public async Task<bool> PostUpdateAsync(string update)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseAddress, "/telegram/webhook"))
        {
            Content = new StringContent(update, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        try
        {
            using var response = await Http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => Process.Dispose();
}

/// <summary>Updates as Telegram sends them.</summary>
internal static class Updates
{
    private const string Mention = "@elumenta_sandbox_bot";

    /// <summary>"@bot question" in a group: addressed to the bot, answered like a private message, paid by the sender.</summary>
    public static string GroupQuestion(int updateId, long user, long group, string question) => new JsonObject
    {
        ["update_id"] = updateId,
        ["message"] = new JsonObject
        {
            ["message_id"] = updateId,
            ["from"] = new JsonObject { ["id"] = user, ["is_bot"] = false, ["first_name"] = "Test", ["language_code"] = "en" },
            ["chat"] = new JsonObject { ["id"] = group, ["type"] = "supergroup", ["title"] = "group" },
            ["date"] = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(),
            ["text"] = $"{Mention} {question}",
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["offset"] = 0, ["length"] = Mention.Length }),
        },
    }.ToJsonString();
}

/// <summary>What the fake Bot API received for one chat.</summary>
internal static class Answers
{
    /// <summary>
    /// Outcomes in a chat: each answer (begun as "Thinking…") and each refusal; not queue notices. The notice that a killed
    /// instance's answer was interrupted completes that answer's "Thinking…" message when there is one, else it is the
    /// outcome itself (the instance died between admission and its first message).
    /// </summary>
    public static int AnswerMessages(FakeBot fake, long chat)
    {
        var outcomes = 0;
        var begunUnpaired = 0;
        foreach (var text in fake.CallsTo("sendMessage").Where(c => c.Status == 200 && c.Long("chat_id") == chat).Select(c => c.String("text") ?? ""))
        {
            if (text.StartsWith('⏳'))
            {
                continue;
            }

            if (text.StartsWith("⚠️ The answer was interrupted", StringComparison.Ordinal) && begunUnpaired > 0)
            {
                begunUnpaired--;
                continue;
            }

            outcomes++;
            begunUnpaired += text.StartsWith('✍') ? 1 : 0;
        }

        return outcomes;
    }

    /// <summary>Where in the call log the question's text first shows up in its chat (sent or edited in), or -1.</summary>
    public static int FirstMention(FakeBot fake, long chat, string question)
    {
        var calls = fake.Calls;
        for (var i = 0; i < calls.Count; i++)
        {
            if (calls[i].Status == 200 && calls[i].Method is "sendMessage" or "editMessageText" && calls[i].Long("chat_id") == chat
                && calls[i].String("text")?.Contains(question, StringComparison.Ordinal) == true)
            {
                return i;
            }
        }

        return -1;
    }
}
