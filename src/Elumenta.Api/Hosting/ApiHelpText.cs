namespace Elumenta.Api.Hosting;

internal static class ApiHelpText
{
    public const string Text =
        """
        Elumenta REST API (/api/v2) on the store the bot uses.

        Usage: dotnet run --project src/Elumenta.Api [-- options]

          --help, -h     this text
          --urls URL     where to listen (default http://localhost:5080)

        Configuration (config/appsettings.json, then environment variables with __):
          ConnectionStrings__Elumenta   the SQLite file shared with the bot (data/elumenta.db)
          Api__Jwt__SigningKey          web-session signing key, 32+ bytes (required outside Development)
          Telegram__BotToken            verifies Telegram Login Widget sign-ins
          Api__ServiceKeys__0           a key for the support bot (tickets endpoint)
          Providers__<Name>__ApiKey     provider keys; Providers__Mode=Simulated serves every model locally

        Docs: /docs (Scalar) and /openapi/v1.json once running.
        """;
}
