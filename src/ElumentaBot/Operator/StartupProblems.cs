using Elumenta.Core.Hosting;

namespace ElumentaBot.Operator;

/// <summary>The shared start-up problem report (<see cref="Elumenta.Core.Hosting.StartupProblems"/>) in the bot's words.</summary>
public static class StartupProblems
{
    private static readonly Dictionary<string, string> Fixes = new(StringComparer.Ordinal)
    {
        ["Telegram:BotToken"] = "set the environment variable Telegram__BotToken to the token from @BotFather.",
    };

    public static IReadOnlyList<StartupProblem> Collect(IServiceProvider services, bool openDatabase = true) =>
        Elumenta.Core.Hosting.StartupProblems.Collect(services, openDatabase, Fixes);

    public static IReadOnlyList<StartupProblem> From(Exception ex) => Elumenta.Core.Hosting.StartupProblems.From(ex, Fixes);

    public static void Print(TextWriter error, IReadOnlyList<StartupProblem> problems) =>
        Elumenta.Core.Hosting.StartupProblems.Print(error, "ElumentaBot", problems,
            "Run with --check for a full report, --help for the settings, or --sandbox to try the bot without a token.");
}
