using System.Text.RegularExpressions;
using Elumenta.Core.Catalog;
using Elumenta.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Hosting;

/// <summary>A configuration problem found at start and where it is fixed.</summary>
public sealed record StartupProblem(string Message, string Fix);

/// <summary>
/// Start-up failures as a person reads them: one line per problem with its fix, every problem at once,
/// no stack trace. Only configuration problems are handled here; anything else is a bug and keeps its trace.
/// The bot and the API share it; each names its own program and may give its own fix for a setting.
/// </summary>
public static partial class StartupProblems
{
    /// <summary>
    /// All configuration problems (options validated at start, the catalog included, and with
    /// <paramref name="openDatabase"/> whether the database file can be opened or created); empty when none.
    /// </summary>
    /// <param name="fixes">Setting (<c>Telegram:BotToken</c>) → the fix to print for a problem naming it.</param>
    public static IReadOnlyList<StartupProblem> Collect(IServiceProvider services, bool openDatabase = true, IReadOnlyDictionary<string, string>? fixes = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<StartupProblem>();
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (From(ex, fixes) is { Count: > 0 } found)
        {
            problems.AddRange(found);
        }

        if (openDatabase && Database(services.GetRequiredService<IOptions<StorageOptions>>().Value) is { } database)
        {
            problems.Add(database);
        }

        return problems;
    }

    /// <summary>The database file must be a file the program can open (or create) for writing.</summary>
    private static StartupProblem? Database(StorageOptions options)
    {
        if (options.Provider == StoreProvider.Postgres)
        {
            // Reachability is the store's own concern at start (and /ready's); here only the shape is checked.
            return StorageOptions.LooksLikePostgres(options.ConnectionString)
                ? null
                : new StartupProblem("Storage:Provider is Postgres but ConnectionStrings:Elumenta is not an Npgsql connection string.",
                    "set ConnectionStrings__Elumenta to Host=…;Port=5432;Database=…;Username=…;Password=… .");
        }

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
    public static IReadOnlyList<StartupProblem> From(Exception ex, IReadOnlyDictionary<string, string>? fixes = null) => ex switch
    {
        OptionsValidationException options => [.. Describe(options, fixes)],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => Describe(e, fixes))],
        _ => [],
    };

    /// <param name="program">The program's name as the operator knows it (<c>ElumentaBot</c>).</param>
    /// <param name="hint">The last line: where the operator reads more.</param>
    public static void Print(TextWriter error, string program, IReadOnlyList<StartupProblem> problems, string hint)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(problems);
        error.WriteLine(problems.Count == 1 ? $"{program} cannot start:" : $"{program} cannot start ({problems.Count} problems):");
        foreach (var problem in problems)
        {
            error.WriteLine($"  - {problem.Message}");
            error.WriteLine($"    fix: {problem.Fix}");
        }

        error.WriteLine(hint);
    }

    private static IEnumerable<StartupProblem> Describe(OptionsValidationException ex, IReadOnlyDictionary<string, string>? fixes) =>
        ex.Failures.Distinct(StringComparer.Ordinal).Select(message => new StartupProblem(message, Fix(ex.OptionsType, message, fixes)));

    private static string Fix(Type options, string message, IReadOnlyDictionary<string, string>? fixes)
    {
        if (options == typeof(CatalogOptions))
        {
            return "edit config/catalog.json (the message names the entry).";
        }

        if (SettingKey().Match(message) is not { Success: true } key)
        {
            return "check config/appsettings.json and the environment variables named in --help.";
        }

        return fixes is not null && fixes.TryGetValue(key.Value, out var fix)
            ? fix
            : $"set {key.Value} in config/appsettings.json or the environment variable {key.Value.Replace(":", "__", StringComparison.Ordinal)}.";
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+(:[A-Za-z0-9<>]+)+")]
    private static partial Regex SettingKey();
}
