using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Elumenta.Api.Tests.Generate;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Storage;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Operator;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_liveness_only_and_ready_follows_the_store_and_its_migrations()
    {
        // The file itself is broken below, so this one runs on SQLite whatever the suite runs on.
        var folder = System.IO.Directory.CreateTempSubdirectory("elumenta-health-").FullName;
        var database = Path.Combine(folder, "elumenta.db");
        await using var server = await ApiServer.StartAsync(databasePath: database);
        var store = server.Get<Store>();

        using var health = await server.Client.GetAsync(new Uri("/health", UriKind.Relative));
        using var ready = await server.Client.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("{\"ready\":true,\"status\":\"ready\"}", await ready.Content.ReadAsStringAsync());

        // A migration this build ships is not applied (rolled back by hand, or a newer build's files): not ready.
        await store.WriteAsync((c, t) => c.ExecuteAsync("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)", transaction: t));
        using var pending = await server.Client.GetAsync(new Uri("/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pending.StatusCode);
        var body = await pending.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("migrations pending", body.GetProperty("reason").GetString());
        Assert.Single(body.GetProperty("migrations").EnumerateArray());

        // The store gone altogether: /ready says so, /health (which never reads it) still answers.
        foreach (var file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
        {
            File.Move(file, file + ".away");
        }

        await File.WriteAllTextAsync(database, "not a database at all, but long enough to be read as one and refused");
        using var unreachable = await server.Client.GetAsync(new Uri("/ready", UriKind.Relative));
        using var alive = await server.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unreachable.StatusCode);
        Assert.StartsWith("store unreachable", (await unreachable.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_when_the_database_has_a_migration_this_build_does_not_know()
    {
        await using var server = await ApiServer.StartAsync();
        await server.Get<Store>().WriteAsync((c, t) => c.ExecuteAsync(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, '9999_future.sql', 'x', 'now')", transaction: t));

        using var ready = await server.Client.GetAsync(new Uri("/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("unknown to this build", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ready_and_metrics_need_no_credential_carry_no_rate_limit_headers_and_are_not_documented()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(7001);

        foreach (var path in new[] { "/health", "/ready", "/metrics" })
        {
            using var anonymous = await server.Client.GetAsync(new Uri(path, UriKind.Relative));
            using var keyed = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
            Assert.DoesNotContain(keyed.Headers, h => h.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase));
        }

        // The control: an authenticated API route does carry them for this plan.
        using var balance = await client.GetAsync(new Uri("/api/v2/balance", UriKind.Relative));
        Assert.Contains(balance.Headers, h => h.Key == "X-RateLimit-Remaining-Hour");
        var document = await server.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(paths);
        Assert.DoesNotContain(paths, p => p is "/health" or "/ready" or "/metrics");
    }

    [Fact]
    public async Task Metrics_expose_admission_generations_and_provider_calls_after_a_generation()
    {
        await using var upstream = await FakeChatUpstream.StartAsync();
        upstream.FailWith = 401;
        await using var server = await ApiServer.StartAsync(upstream.Settings());
        var (_, _, client) = await server.CreateKeyClientAsync(7002);

        var (plain, _) = await PostAsync(client, new { model = "deepseek-v3", prompt = "hi" });
        Assert.Equal(HttpStatusCode.InternalServerError, plain.StatusCode);

        var text = await server.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Matches("elumenta_admission_duration_seconds_count\\{[^}]*outcome=\"admitted\"[^}]*\\} [1-9]", text);
        Assert.Matches("elumenta_generations_total\\{[^}]*model=\"deepseek-v3\"[^}]*outcome=\"failed\"[^}]*\\} [1-9]", text);
        Assert.Matches("elumenta_provider_duration_seconds_count\\{[^}]*outcome=\"http_4xx\"[^}]*provider=\"DeepSeek\"[^}]*\\} [1-9]", text);
        // The inbox backlog belongs to the bot: the API does not report it.
        Assert.DoesNotContain("elumenta_inbox_backlog", text, StringComparison.Ordinal);
    }
}
