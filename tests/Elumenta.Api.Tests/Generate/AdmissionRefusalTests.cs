using System.Net;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Tests.TestSupport;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

/// <summary>The bot's admission through the API: each refusal is the documented error and admits nothing.</summary>
public sealed class AdmissionRefusalTests
{
    [Fact]
    public async Task Not_enough_tokens_is_402_with_price_and_balance()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, client) = await CreateSessionClientAsync(server, 4001);

        var (response, body) = await PostAsync(client, new { model = "luma-ray2-flash", prompt = "a storm", resolution = "1080p", duration = "9" });

        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("insufficient_tokens", body.GetProperty("error").GetString());
        Assert.Equal(93, body.GetProperty("details").GetProperty("price").GetInt32());
        Assert.Equal(50, body.GetProperty("details").GetProperty("balance").GetInt32());
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
    }

    [Fact]
    public async Task The_free_plans_sixth_request_in_an_hour_is_429_with_the_documented_body_and_retry_after()
    {
        var clock = new ManualClock();
        await using var server = await ApiServer.StartAsync(clock: clock);
        var (account, client) = await CreateSessionClientAsync(server, 4002);
        for (var i = 0; i < 5; i++)
        {
            var (ok, _) = await PostAsync(client, new { model = "gpt-5-nano", prompt = $"question {i}" });
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var (response, body) = await PostAsync(client, new { model = "gpt-5-nano", prompt = "one more" });

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        // The first request leaves the window 3600 s after it was admitted, 50 s ago.
        Assert.Equal(
            """{"error":"rate_limit_exceeded","message":"Hourly limit reached: 5 requests/hour on Starter plan","retry_after":3550,"plan":"free","limit_hour":5,"limit_day":20,"details":{}}""",
            JsonSerializer.Serialize(body));
        Assert.Equal("3550", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("0", response.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
        Assert.Equal(5, await GenerationCountAsync(server, account.Id));
    }

    [Fact]
    public async Task A_basic_tier_model_on_the_free_plan_is_403_insufficient_plan_naming_the_plans()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, client) = await CreateSessionClientAsync(server, 4003);

        var (response, body) = await PostAsync(client, new { model = "gpt-5", prompt = "hi" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("insufficient_plan", body.GetProperty("error").GetString());
        Assert.Equal(["basic", "pro", "vip", "elite"], body.GetProperty("details").GetProperty("plans").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
    }

    [Fact]
    public async Task A_second_async_job_over_the_plans_concurrency_is_429_and_charges_nothing()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Providers:Jobs:Tick"] = "01:00:00" });
        var (account, client) = await CreateSessionClientAsync(server, 4004);

        var (first, _) = await PostAsync(client, new { model = "luma-ray2-flash", prompt = "one" });
        var (second, body) = await PostAsync(client, new { model = "luma-ray2-flash", prompt = "two" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, second.StatusCode);
        Assert.Equal("rate_limit_exceeded", body.GetProperty("error").GetString());
        Assert.Equal(1, body.GetProperty("details").GetProperty("max_concurrent_jobs").GetInt32());
        Assert.Equal(50 - 15, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task A_model_whose_provider_has_no_key_is_503_before_admission()
    {
        await using var server = await ApiServer.StartAsync(new Dictionary<string, string?> { ["Providers:Mode"] = "Live" });
        var (account, _, client) = await server.CreateKeyClientAsync(4005);

        var (response, body) = await PostAsync(client, new { model = "gpt-5", prompt = "hi" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("model_unavailable", body.GetProperty("error").GetString());
        Assert.Equal(0, await GenerationCountAsync(server, account.Id));
        Assert.Equal("100", response.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
    }

    [Fact]
    public async Task One_hundred_and_fifty_concurrent_requests_on_one_vip_account_admit_exactly_the_hours_100()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(4006);

        var responses = await Task.WhenAll(Enumerable.Range(0, 150).Select(i => PostAsync(client, new { model = "deepseek-v3", prompt = $"q{i}" })));

        Assert.Equal(100, responses.Count(r => r.Response.StatusCode == HttpStatusCode.OK));
        Assert.Equal(50, responses.Count(r => r.Response.StatusCode == (HttpStatusCode)429));
        Assert.All(responses.Where(r => r.Response.StatusCode != HttpStatusCode.OK),
            r => Assert.Equal("Hourly limit reached: 100 requests/hour on VIP plan", r.Body.GetProperty("message").GetString()));
        Assert.Equal(100, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1550 - 100, await BalanceAsync(server, account.Id));
    }
}
