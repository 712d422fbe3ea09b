using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Api.Tests.Auth;

public sealed class AuthRateLimitTests
{
    [Fact]
    public async Task The_eleventh_login_in_a_minute_gets_429_with_retry_after_and_the_next_minute_is_open_again()
    {
        var clock = new ManualClock();
        await using var server = await AuthServer.StartAsync(clock: clock);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login(server, server.Client)).StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(15));
        var refused = await Login(server, server.Client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("45", refused.Headers.GetValues("Retry-After").Single());
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("too_many_requests", body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("details").ValueKind);
        Assert.Empty(body.GetProperty("details").EnumerateObject());
        // Another endpoint has its own budget.
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("forgot-password", new { email = "x@example.com" })).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(server, server.Client)).StatusCode);
    }

    [Fact]
    public async Task Forgot_password_allows_3_an_hour()
    {
        var clock = new ManualClock();
        await using var server = await AuthServer.StartAsync(clock: clock);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("forgot-password", new { email = "nobody@example.com" })).StatusCode);
        }

        var refused = await server.PostAsync("forgot-password", new { email = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("3600", refused.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Without_a_configured_proxy_a_made_up_x_forwarded_for_does_not_escape_the_limit()
    {
        await using var server = await AuthServer.StartAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            using var client = server.Api.NewClient();
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            statuses.Add((await Login(server, client)).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_budget()
    {
        await using var server = await AuthServer.StartAsync(new Dictionary<string, string?> { ["Api:ForwardedProxies:0"] = "127.0.0.1" });
        using var first = server.Api.NewClient();
        first.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.10");
        using var second = server.Api.NewClient();
        second.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.20");

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Login(server, first)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Login(server, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Login(server, second)).StatusCode);
    }

    private static Task<HttpResponseMessage> Login(AuthServer server, HttpClient client) =>
        server.PostAsync("login", new { email = "nobody@example.com", password = "wrong password" }, client);
}
