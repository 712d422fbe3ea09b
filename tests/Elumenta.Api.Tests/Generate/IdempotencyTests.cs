using System.Net;
using Dapper;
using Elumenta.Core.Storage;
using Elumenta.Core.Tests.TestSupport;
using Elumenta.Api.Tests.TestSupport;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_is_charged_once()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5001);
        var request = new { model = "dall-e-3", prompt = "a lighthouse", size = "1792x1024" };

        var (first, firstBody) = await PostAsync(client, request, key: "order-1");
        var (again, againBody) = await PostAsync(client, new { prompt = "a lighthouse", @params = new { size = "1792x1024", model = "dall-e-3" } }, key: "order-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(firstBody.GetProperty("id").GetInt64(), againBody.GetProperty("id").GetInt64());
        Assert.Equal(firstBody.GetProperty("result_url").GetString(), againBody.GetProperty("result_url").GetString());
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550 - 9, await BalanceAsync(server, account.Id));
        Assert.Equal("99", again.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_admits_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5002);

        await PostAsync(client, new { model = "dall-e-3", prompt = "a lighthouse" }, key: "order-2");
        var (response, body) = await PostAsync(client, new { model = "dall-e-3", prompt = "a windmill" }, key: "order-2");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("different request", body.GetProperty("details").GetProperty("Idempotency-Key").GetString());
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550 - 5, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task Ten_concurrent_retries_with_one_key_make_one_generation_and_one_charge()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5003);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            PostAsync(client, new { model = "dall-e-3", prompt = "ten at once", quality = "hd" }, key: "burst")));

        // Each one either has the answer or is told the first is still running (409, retry shortly).
        Assert.All(answers, a => Assert.True(a.Response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.Response.StatusCode.ToString()));
        var ids = answers.Where(a => a.Response.StatusCode == HttpStatusCode.OK).Select(a => a.Body.GetProperty("id").GetInt64()).Distinct().ToList();
        Assert.Single(ids);
        var (later, laterBody) = await PostAsync(client, new { model = "dall-e-3", prompt = "ten at once", quality = "hd" }, key: "burst");
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(ids[0], laterBody.GetProperty("id").GetInt64());
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550 - 9, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task A_retry_of_an_async_request_answers_its_current_state_and_a_refused_request_keeps_no_key()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Providers:Jobs:Tick"] = "01:00:00" });
        var (account, _, client) = await server.CreateKeyClientAsync(5004);

        var (first, firstBody) = await PostAsync(client, new { model = "sora-2", prompt = "rain", duration = 8 }, key: "video-1");
        var (again, againBody) = await PostAsync(client, new { model = "sora-2", prompt = "rain", duration = 8 }, key: "video-1");
        var (refused, _) = await PostAsync(client, new { model = "sora-2", prompt = "rain", duration = 3 }, key: "video-2");
        var (fixedUp, _) = await PostAsync(client, new { model = "sora-2", prompt = "rain", duration = 3 }, key: "video-2");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(firstBody.GetProperty("id").GetInt64(), againBody.GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fixedUp.StatusCode);
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550 - 84, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task An_unusable_key_header_is_400()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(5005);

        var (response, body) = await PostAsync(client, new { model = "gpt-5-nano", prompt = "hi" }, key: new string('k', 256));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_request", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_key_past_its_retention_is_pruned_by_the_api_itself_and_its_reuse_starts_a_new_generation()
    {
        var clock = new ManualClock();
        var dir = Directory.CreateTempSubdirectory("elumenta-api-retention-");
        var database = Path.Combine(dir.FullName, "shared.db");
        long firstId;
        string apiKey;
        var request = new { model = "gpt-5-nano", prompt = "hi" };
        await using (var server = await ApiServer.StartAsync(clock: clock, databasePath: database))
        {
            var (_, key, client) = await server.CreateKeyClientAsync(5006);
            var (first, firstBody) = await PostAsync(client, request, key: "daily-report");
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            (firstId, apiKey) = (firstBody.GetProperty("id").GetInt64(), key);
            clock.Advance(TimeSpan.FromDays(6));
            Assert.Equal(firstId, (await PostAsync(client, request, key: "daily-report")).Body.GetProperty("id").GetInt64());
        }

        // A week and a bit later, an API started with no bot beside it prunes the key on its own.
        clock.Advance(TimeSpan.FromDays(1.5));
        await using var later = await ApiServer.StartAsync(clock: clock, databasePath: database);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await later.Get<Store>().ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_idempotency WHERE idempotency_key = 'daily-report'")) > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the API never pruned the old key");
            await Task.Delay(20);
        }

        using var again = later.NewClient(apiKey);
        var (response, body) = await PostAsync(again, request, key: "daily-report");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(firstId, body.GetProperty("id").GetInt64());
    }
}
