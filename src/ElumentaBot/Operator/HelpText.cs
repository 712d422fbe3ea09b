namespace ElumentaBot.Operator;

/// <summary><c>--help</c>: what the program is, how to run it, the settings that matter and the exit codes.</summary>
public static class HelpText
{
    public const string Text = """
        ElumentaBot: the Telegram bot of Elumenta (52 AI models, one token balance, plans paid in Telegram Stars).

        Usage: ElumentaBot [--sandbox | --check | --help] [--Key=value ...]

          (no flag)   run the bot: long polling against the Bot API, SQLite in data/elumenta.db
          --sandbox   try the bot in this terminal: a built-in fake Telegram and simulated models,
                      no token, no network, nothing paid (add --script FILE to replay a transcript)
          --check     validate configuration and catalog without starting anything and print what
                      the bot would run with: token, Bot API, database and migrations, providers,
                      live models, admins, pacing
          --help      this text

        Settings (later sources win): config/appsettings.json, config/catalog.json,
        environment variables (":" written as "__"), then --Key=value on the command line.
          Telegram__BotToken            the bot token from @BotFather (required to run; never logged)
          Telegram__ApiBaseUrl          Bot API root (default https://api.telegram.org)
          Telegram__AdminUserIds__0     Telegram user id of an admin (…__1, …__2 for more)
          Telegram__Mode=Webhook        receive by webhook instead of long polling; needs
                                        Telegram__WebhookUrl (public https), Telegram__WebhookSecret
                                        (1-256 of A-Za-z0-9_-) and Http__Urls (listen address)
          Http__Urls                    where /health, /ready, /metrics (and the webhook) listen
          ConnectionStrings__Elumenta   SQLite file or connection string (default data/elumenta.db)
          Providers__<Name>__ApiKey     a provider's key: OpenAI, Anthropic, Google, DeepSeek, XAI,
                                        Replicate, Luma, MidJourney, ElevenLabs (models of a provider
                                        without a key are listed as unavailable)
          Providers__Mode=Simulated     serve every model from the built-in simulator
          Serilog__MinimumLevel__Default  Debug shows request timings and retry details

        Exit codes: 0 stopped normally (or --check: the bot can start), 1 cannot start (each problem
        is printed with its fix), --check found a problem, or a fatal error.
        """;
}
