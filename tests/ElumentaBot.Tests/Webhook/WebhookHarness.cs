using System.Net.Http.Headers;
using System.Text;
using ElumentaBot.Hosting;
using ElumentaBot.Sandbox;
using ElumentaBot.Tests.Transport;
using ElumentaBot.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Tests.Webhook;

/// <summary>Webhook-mode settings for <see cref="BotHarness"/> and a client that posts as Telegram does.</summary>
internal static class WebhookHarness
{
    public const string Secret = "webhook_SECRET-0123456789";
    public const string PublicUrl = "https://bot.example.org/tg/hook";

    public static Dictionary<string, string?> Settings(IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = PublicUrl,
            ["Telegram:WebhookSecret"] = Secret,
            ["Http:Urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    public static Task<BotHarness> StartAsync(FakeBotApiServer server, string? databasePath = null, IDictionary<string, string?>? extra = null, CapturingLoggerProvider? logs = null) =>
        BotHarness.StartAsync(server, databasePath, Settings(extra), logs: logs);

    public static Uri Address(this BotHarness bot) => bot.Host.Services.GetRequiredService<BotHttpServer>().Addresses[0];

    public static HttpClient Client(this BotHarness bot) => new() { BaseAddress = bot.Address(), Timeout = TimeSpan.FromSeconds(30) };

    public static async Task<HttpResponseMessage> PostUpdateAsync(this BotHarness bot, string json, string? secret = Secret, string path = WebhookOptions.DefaultPath)
    {
        using var client = bot.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation(WebhookReceiver.SecretHeader, secret);
        }

        return await client.SendAsync(request);
    }

    public static Task<long> InboxRowsAsync(this BotHarness bot) => bot.QueryAsync<long>("SELECT COUNT(*) FROM update_inbox");
}
