using System.Diagnostics;
using Elumenta.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Tests.Operator;

/// <summary>The real ElumentaBot.dll run as a process, as an operator runs it: what they read and the exit code.</summary>
public sealed class ExecutableTests : IDisposable
{
    // Token-shaped enough for the bot to accept (digits:secret), nothing like a real one.
    private const string Token = "42:not-a-real-token-secret-part";
    private readonly string _dir = Directory.CreateTempSubdirectory("elumenta-exe-").FullName;

    [Fact]
    public async Task Help_names_the_modes_the_settings_and_the_exit_codes_and_starts_nothing()
    {
        var run = await RunAsync(["--help"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var expected in new[] { "--sandbox", "--check", "Telegram__BotToken", "ConnectionStrings__Elumenta", "Providers__<Name>__ApiKey", "Exit codes" })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Without_a_token_it_says_so_once_with_the_fix_and_the_sandbox_and_no_stack_trace()
    {
        var run = await RunAsync([]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(1, Count(run.Stderr, "Telegram:BotToken must be set"));
        Assert.Contains("fix: set the environment variable Telegram__BotToken", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--sandbox", run.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task A_broken_catalog_lists_every_problem_and_where_to_fix_it()
    {
        var run = await RunAsync([], new()
        {
            ["Telegram__BotToken"] = Token,
            ["Catalog__Models__1__Slug"] = "gpt-5-nano",
            ["Catalog__Plans__0__Models"] = "some",
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot start (2 problems)", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Model slug 'gpt-5-nano' is used by 2 models", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Models must be 'starter' or 'all', not 'some'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Count(run.Stderr, "fix: edit config/catalog.json"));
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Check_reports_what_the_bot_would_run_with_creates_nothing_and_never_shows_the_token()
    {
        var database = Path.Combine(_dir, "data", "bot.db");
        var run = await RunAsync(["--check"], new()
        {
            ["Telegram__BotToken"] = Token,
            ["Telegram__AdminUserIds__0"] = "42",
            ["Providers__OpenAI__ApiKey"] = "sk-test-key-not-shown",
            ["ConnectionStrings__Elumenta"] = database,
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("token         present (not shown)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Bot API       https://api.telegram.org/", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{database}: will be created with", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"OpenAI\s+key set\s+12 of 12 models live", run.Stdout);
        Assert.Matches(@"Anthropic\s+no key\s+0 of 3 models live", run.Stdout);
        Assert.Contains("unavailable: claude-haiku-4.5, claude-sonnet-4.5, claude-opus-4.5 (no Anthropic key: Providers__Anthropic__ApiKey)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("models        12 of 52 live", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("admins        1 configured", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Ready: the bot can start.", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-real-token-secret-part", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-test-key", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Check_reads_the_migration_state_of_an_existing_database_and_fails_without_a_token()
    {
        var database = Path.Combine(_dir, "bot.db");
        await using (var store = new SqliteStore(database))
        {
            await new MigrationRunner(store, Options.Create(new StorageOptions()), NullLogger<MigrationRunner>.Instance).ApplyAsync();
        }

        var files = (await MigrationRunner.StatusAsync(new StorageOptions { ConnectionString = database })).Files;
        var run = await RunAsync(["--check"], new() { ["ConnectionStrings__Elumenta"] = database });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{database}: {files} of {files} migrations applied, up to date", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("token         missing: set Telegram__BotToken", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Not ready, 1 problem:", run.Stdout, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task A_database_path_that_cannot_be_a_file_is_one_line_with_the_fix()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "not-a-file")).FullName;
        var run = await RunAsync([], new() { ["Telegram__BotToken"] = Token, ["ConnectionStrings__Elumenta"] = folder });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"The database path {folder} is a folder, not a file.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("fix: set ConnectionStrings:Elumenta", run.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args, Dictionary<string, string>? env = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ElumentaBot.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        args.ToList().ForEach(start.ArgumentList.Add);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Telegram__", StringComparison.Ordinal) || k.StartsWith("Providers__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in env ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static void AssertNoStackTrace((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
