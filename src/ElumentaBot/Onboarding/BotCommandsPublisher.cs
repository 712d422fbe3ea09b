using ElumentaBot.Localization;
using ElumentaBot.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ElumentaBot.Onboarding;

/// <summary>One command list to publish: its scope and language (null: every language without its own list).</summary>
public sealed record CommandList(BotCommand[] Commands, BotCommandScope Scope, string? LanguageCode);

/// <summary>
/// Publishes the command menu at start: private chats per language, and the default list (groups and other
/// languages). Runs in the background and retries with backoff: a Bot API hiccup must not delay or stop the bot.
/// Admin commands are never published.
/// </summary>
public sealed class BotCommandsPublisher(ITelegramBotClient bot, Localizer texts, IOptions<TelegramOptions> telegram, TimeProvider time, ILogger<BotCommandsPublisher> logger)
    : BackgroundService
{
    /// <summary>The public commands in menu order (product spec, section 8).</summary>
    public static readonly IReadOnlyList<string> Public =
    [
        "start", "help", "models", "new", "image", "video", "music", "tts", "tools", "balance",
        "plans", "buy", "history", "settings", "lang", "cancel", "invite", "promo", "apikey", "support", "paysupport", "terms",
    ];

    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    public IReadOnlyList<CommandList> Lists() =>
    [
        new(Commands("ru"), BotCommandScope.AllPrivateChats(), "ru"),
        new(Commands("en"), BotCommandScope.AllPrivateChats(), "en"),
        new(Commands("ru"), BotCommandScope.Default(), "ru"),
        new(Commands("en"), BotCommandScope.Default(), null),
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!telegram.Value.PollingEnabled)
        {
            return;
        }

        await Task.Yield();
        var delay = TimeSpan.FromSeconds(1);
        foreach (var list in Lists())
        {
            while (true)
            {
                try
                {
                    await bot.SetMyCommands(list.Commands, list.Scope, list.LanguageCode, stoppingToken);
                    break;
                }
                catch (RequestException ex)
                {
                    // One line per attempt is enough to see an outage; the stack trace only helps when debugging.
                    logger.LogWarning("setMyCommands ({Scope}, {Language}) failed: {Error}; retrying in {DelaySeconds:0.#} s",
                        list.Scope.Type, list.LanguageCode ?? "default", ex.Describe(), delay.TotalSeconds);
                    logger.LogDebug(ex, "setMyCommands ({Scope}, {Language}) failure", list.Scope.Type, list.LanguageCode ?? "default");
                    await Task.Delay(delay, time, stoppingToken);
                    delay = delay * 2 > MaxDelay ? MaxDelay : delay * 2;
                }
            }
        }

        logger.LogInformation("Published {Count} bot commands in {Languages}", Public.Count, string.Join(", ", Localizer.Languages));
    }

    private BotCommand[] Commands(string language) => [.. Public.Select(c => new BotCommand(c, texts.Get(language, "cmd." + c)))];
}
