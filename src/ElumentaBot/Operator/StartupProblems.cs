using System.Text.RegularExpressions;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Operator;

/// <summary>A configuration problem found at start and where it is fixed.</summary>
public sealed record StartupProblem(string Message, string Fix);

/// <summary>
/// Start-up failures as a person reads them: one line per problem with its fix, every problem at once,
/// no stack trace. Only configuration problems are handled here; anything else is a bug and keeps its trace.
/// </summary>
public static partial class StartupProblems
{
    /// <summary>
    /// All configuration problems (options validated at start, the catalog included, and with
    /// <paramref name="openDatabase"/> whether the database file can be opened or created); empty when none.
    /// </summary>
    public static IReadOnlyList<StartupProblem> Collect(IServiceProvider services, bool openDatabase = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<StartupProblem>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (From(ex) is { Count: > 0 } found)
        {
            problems.AddRange(found);
        }

        if (openDatabase && Database(services.GetRequiredService<IOptions<StorageOptions>>().Value) is { } database)
        {
            problems.Add(database);
        }

        return problems;
    }

    /// <summary>The database file must be a file the bot can open (or create) for writing.</summary>
    private static StartupProblem? Database(StorageOptions options)
    {
        const string fix = "set ConnectionStrings:Elumenta (environment variable ConnectionStrings__Elumenta) to a writable file path; its folder is created if missing.";
        try
        {
            var path = options.ResolveDataSource();
            if (Directory.Exists(path))
            {
                return new StartupProblem($"The database path {path} is a folder, not a file.", fix);
            }

            var folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
            probe.Open();
            return null;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new StartupProblem($"The database cannot be opened: {ex.Message}", fix);
        }
    }

    /// <summary>The configuration problems inside <paramref name="ex"/>, or none when it is something else.</summary>
    public static IReadOnlyList<StartupProblem> From(Exception ex) => ex switch
    {
        OptionsValidationException options => [.. Describe(options)],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(Describe)],
        _ => [],
    };

    public static void Print(TextWriter error, IReadOnlyList<StartupProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(problems);
        error.WriteLine(problems.Count == 1 ? "ElumentaBot cannot start:" : $"ElumentaBot cannot start ({problems.Count} problems):");
        foreach (var problem in problems)
        {
            error.WriteLine($"  - {problem.Message}");
            error.WriteLine($"    fix: {problem.Fix}");
        }

        error.WriteLine("Run with --check for a full report, --help for the settings, or --sandbox to try the bot without a token.");
    }

    private static IEnumerable<StartupProblem> Describe(OptionsValidationException ex) =>
        ex.Failures.Distinct(StringComparer.Ordinal).Select(message => new StartupProblem(message, Fix(ex.OptionsType, message)));

    private static string Fix(Type options, string message)
    {
        if (options == typeof(CatalogOptions))
        {
            return "edit config/catalog.json (the message names the entry).";
        }

        if (SettingKey().Match(message) is not { Success: true } key)
        {
            return "check config/appsettings.json and the environment variables named in --help.";
        }

        return key.Value == "Telegram:BotToken"
            ? "set the environment variable Telegram__BotToken to the token from @BotFather."
            : $"set {key.Value} in config/appsettings.json or the environment variable {key.Value.Replace(":", "__", StringComparison.Ordinal)}.";
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+(:[A-Za-z0-9<>]+)+")]
    private static partial Regex SettingKey();
}
