using Serilog.Events;
using StartupProblems = Elumenta.Core.Hosting.StartupProblems;
using StartupProblem = Elumenta.Core.Hosting.StartupProblem;

namespace Elumenta.Api.Operator;

/// <summary>The shared start-up problem report (<see cref="StartupProblems"/>) in the API's words.</summary>
internal static class ApiStartup
{
    public const string Program = "Elumenta API";

    private const string Hint = "Run with --check for a full report or --help for the settings.";

    private static readonly Dictionary<string, string> Fixes = new(StringComparer.Ordinal)
    {
        ["Api:Jwt:SigningKey"] = "set the environment variable Api__Jwt__SigningKey to a random secret of 32 bytes or more (e.g. openssl rand -base64 48), never in a config file; only ASPNETCORE_ENVIRONMENT=Development runs without one.",
        ["Telegram:BotToken"] = "set the environment variable Telegram__BotToken to the bot's token from @BotFather (the API uses it only to check Telegram Login Widget sign-ins).",
    };

    public static IReadOnlyList<StartupProblem> Collect(IServiceProvider services, bool openDatabase = true) =>
        StartupProblems.Collect(services, openDatabase, Fixes);

    /// <summary>Configuration problems in <paramref name="ex"/>, including an address Kestrel cannot listen on; none when it is something else.</summary>
    public static IReadOnlyList<StartupProblem> From(Exception ex) => ex switch
    {
        // Kestrel: "Failed to bind to address http://127.0.0.1:5080: address already in use." (or permission denied).
        IOException when ex.Message.StartsWith("Failed to bind to address", StringComparison.Ordinal) => [Listen(ex.Message)],
        _ => StartupProblems.From(ex, Fixes),
    };

    /// <summary>
    /// The host's own "Hosting failed to start" for a problem <see cref="Print"/> reports: the operator reads it once,
    /// with its fix and without a stack trace.
    /// </summary>
    public static bool IsPrintedInstead(LogEvent e) =>
        e.Exception is { } ex && From(ex).Count > 0
        && e.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" };

    public static void Print(TextWriter error, IReadOnlyList<StartupProblem> problems) => StartupProblems.Print(error, Program, problems, Hint);

    private static StartupProblem Listen(string message) =>
        new(message, "stop the program using that address or choose another with --urls http://HOST:PORT (or the environment variable ASPNETCORE_URLS).");
}
