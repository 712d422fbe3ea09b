using System.Net;
using System.Net.Sockets;
using Elumenta.Api.Tests.TestSupport;

namespace Elumenta.Api.Tests.Operator;

/// <summary>The real Elumenta.Api.dll run as a process, as an operator runs it: what they read and the exit code.</summary>
public sealed class ExecutableTests : IDisposable
{
    private const string SigningKey = ApiServer.SigningKey;
    private readonly string _dir = Directory.CreateTempSubdirectory("elumenta-api-exe-").FullName;

    [Fact]
    public async Task Help_names_the_modes_the_settings_and_the_exit_codes_and_starts_nothing()
    {
        var run = await ApiProcess.RunAsync(["--help"], _dir);

        Assert.Equal(0, run.ExitCode);
        foreach (var expected in new[] { "--check", "--urls", "Api__Jwt__SigningKey", "ConnectionStrings__Elumenta", "ASPNETCORE_ENVIRONMENT", "Providers__<Name>__ApiKey", "/docs", "Exit codes" })
        {
            Assert.Contains(expected, run.Stdout, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task Outside_development_without_a_signing_key_it_says_so_once_with_the_fix_and_no_stack_trace()
    {
        var run = await ApiProcess.RunAsync([], _dir, Database("api.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Elumenta API cannot start:", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, Count(run.Stderr, "Api:Jwt:SigningKey must be set"));
        Assert.Contains("fix: set the environment variable Api__Jwt__SigningKey", run.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Every_configuration_problem_is_listed_at_once_each_with_where_to_fix_it()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "not-a-file")).FullName;
        var run = await ApiProcess.RunAsync([], _dir, new Dictionary<string, string>
        {
            ["ConnectionStrings__Elumenta"] = folder,
            ["Catalog__Models__1__Slug"] = "gpt-5-nano",
            ["Catalog__Plans__0__Models"] = "some",
        });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Elumenta API cannot start (4 problems):", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Model slug 'gpt-5-nano' is used by 2 models", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Models must be 'starter' or 'all', not 'some'", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Count(run.Stderr, "fix: edit config/catalog.json"));
        Assert.Contains("Api:Jwt:SigningKey must be set", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"The database path {folder} is a folder, not a file.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("fix: set ConnectionStrings:Elumenta", run.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task Check_reports_what_the_api_would_run_with_creates_nothing_and_never_shows_a_secret()
    {
        var database = Path.Combine(_dir, "data", "api.db");
        var run = await ApiProcess.RunAsync(["--check", "--urls", "http://0.0.0.0:8080"], _dir, new Dictionary<string, string>
        {
            ["Api__Jwt__SigningKey"] = SigningKey,
            ["Telegram__BotToken"] = ApiServer.TestBotToken,
            ["Providers__OpenAI__ApiKey"] = "sk-test-key-not-shown",
            ["ConnectionStrings__Elumenta"] = database,
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("environment   Production", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("listen        http://0.0.0.0:8080", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("signing key   present (not shown)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("telegram      bot token present (not shown)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{database}: will be created with", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("models        12 of 52 live; simulated: none; with a key: OpenAI", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("unavailable: claude-haiku-4.5, claude-sonnet-4.5, claude-opus-4.5 (Providers__Anthropic__ApiKey)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Ready: the API can start.", run.Stdout, StringComparison.Ordinal);
        foreach (var secret in new[] { SigningKey, ApiServer.TestBotToken, "sk-test-key" })
        {
            Assert.DoesNotContain(secret, run.Stdout + run.Stderr, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir));
    }

    [Fact]
    public async Task An_address_already_taken_is_one_problem_with_the_fix_and_no_stack_trace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var run = await ApiProcess.RunAsync(["--urls", url], _dir, Configured());

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Failed to bind to address {url}: address already in use.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("fix: stop the program using that address or choose another with --urls", run.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Fact]
    public async Task A_failure_that_is_not_configuration_is_logged_once_with_its_trace_and_exits_1()
    {
        var database = Path.Combine(_dir, "garbage.db");
        await File.WriteAllTextAsync(database, "this is not a SQLite database, it is long enough to have a header........");

        var run = await ApiProcess.RunAsync(["--urls", $"http://127.0.0.1:{ApiProcess.FreePort()}"], _dir, Configured(database));

        Assert.Equal(1, run.ExitCode);
        var output = run.Stdout + run.Stderr;
        Assert.Equal(1, Count(output, "Hosting failed to start"));
        Assert.Equal(1, Count(output, "SqliteException (0x80004005): SQLite Error 26"));
        Assert.Contains("Elumenta API stopped: SQLite Error 26: 'file is not a database'.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("cannot start", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_serves_health_on_the_given_address_and_stops_on_sigterm_with_exit_0()
    {
        var database = Path.Combine(_dir, "run", "api.db");
        await using var api = await ApiProcess.StartAsync(_dir, Configured(database));
        using var client = new HttpClient { BaseAddress = api.BaseAddress };

        var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative));
        var ready = await client.GetStringAsync(new Uri("/ready", UriKind.Relative));

        Assert.Equal("{\"status\":\"ok\"}", health);
        Assert.Contains("\"status\":\"ready\"", ready, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
        Assert.Equal(0, await api.StopAsync());
        Assert.DoesNotContain(SigningKey, api.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_runs_without_a_signing_key()
    {
        var environment = Database("dev.db");
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        await using var api = await ApiProcess.StartAsync(_dir, environment);

        Assert.Equal(0, await api.StopAsync());
    }

    private Dictionary<string, string> Database(string name) => new() { ["ConnectionStrings__Elumenta"] = Path.Combine(_dir, name) };

    private Dictionary<string, string> Configured(string? database = null) => new()
    {
        ["Api__Jwt__SigningKey"] = SigningKey,
        ["Providers__Mode"] = "Simulated",
        ["ConnectionStrings__Elumenta"] = database ?? Path.Combine(_dir, "api.db"),
        ["Providers__Jobs__ResultsPath"] = Path.Combine(_dir, "results"),
    };

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static void AssertNoStackTrace((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.DoesNotContain("   at ", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
