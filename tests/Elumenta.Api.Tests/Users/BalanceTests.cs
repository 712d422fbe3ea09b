using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;

namespace Elumenta.Api.Tests.Users;

public sealed class BalanceTests
{
    [Fact]
    public async Task A_vip_key_reads_the_balance_the_bot_created_with_the_limit_headers()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(1001, "vip");

        var response = await client.GetAsync("/api/v2/balance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1550, body.GetProperty("token_balance").GetInt32());
        Assert.Equal("vip", body.GetProperty("plan").GetString());
        Assert.Equal("100", response.Headers.GetValues("X-RateLimit-Limit-Hour").Single());
        Assert.Equal("100", response.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
        Assert.Equal("1000", response.Headers.GetValues("X-RateLimit-Limit-Day").Single());
    }

    [Fact]
    public async Task Without_a_bearer_the_answer_is_the_documented_401()
    {
        await using var server = await ApiServer.StartAsync();

        var response = await server.Client.GetAsync("/api/v2/balance");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_authenticated", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_key_of_a_basic_account_gets_insufficient_plan()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(1002, "basic");

        var response = await client.GetAsync("/api/v2/balance");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("insufficient_plan", body.GetProperty("error").GetString());
        Assert.Equal("API access requires the VIP or Elite plan", body.GetProperty("message").GetString());
    }
}
