namespace Elumenta.Api.Hosting;

/// <summary><c>--help</c>: what the program is, how to run it, the settings that matter and the exit codes.</summary>
internal static class ApiHelpText
{
    public const string Text =
        """
        Elumenta API: the REST API /api/v2 of Elumenta, on the same accounts, balance, limits and SQLite store
        as the Telegram bot (run both on one database file).

        Usage: Elumenta.Api [--check | --help] [--urls URL] [--Key=value ...]
               dotnet run --project src/Elumenta.Api -- [options]

          (no flag)   run the API on http://localhost:5080 until stopped (Ctrl+C or SIGTERM)
          --check     validate configuration and catalog without starting anything and print what the
                      API would run with: environment, address, signing key, Telegram sign-in, service
                      keys, database and migrations, live models
          --urls URL  where to listen, e.g. http://0.0.0.0:8080 (also ASPNETCORE_URLS); ";" separates several
          --help, -h  this text

        Settings (later sources win): config/appsettings.json, config/catalog.json, environment variables
        (":" written as "__"), then --Key=value on the command line.
          ASPNETCORE_ENVIRONMENT        Production unless set; Development signs sessions with a key made up
                                        at start (they end with the process)
          Api__Jwt__SigningKey          web-session signing key, 32+ bytes (required outside Development;
                                        never logged)
          ConnectionStrings__Elumenta   SQLite file shared with the bot (default data/elumenta.db)
          Telegram__BotToken            the bot's token: checks Telegram Login Widget sign-ins (never logged)
          Api__ServiceKeys__0           a key for the support bot's ticket endpoint (…__1 for more)
          Providers__<Name>__ApiKey     a provider's key: OpenAI, Anthropic, Google, DeepSeek, XAI,
                                        Replicate, Luma, MidJourney, ElevenLabs (models of a provider
                                        without a key answer 503 model_unavailable)
          Providers__Mode=Simulated     serve every model from the built-in simulator
          Providers__Jobs__ResultsPath  where finished media are saved (default data/results)
          Serilog__MinimumLevel__Default  Debug shows more detail

        Once running: /docs (reference), /openapi/v1.json (OpenAPI document), /health (liveness and store).

        Exit codes: 0 stopped normally (or --check: the API can start), 1 cannot start (each problem is
        printed with its fix), --check found a problem, or a fatal error.
        """;
}
