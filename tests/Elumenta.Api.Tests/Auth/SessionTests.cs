using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Api.Tests.Auth;

public sealed class SessionTests
{
    [Fact]
    public async Task Every_refresh_gives_a_new_pair_and_reusing_a_used_token_ends_the_whole_sign_in()
    {
        await using var server = await AuthServer.StartAsync();
        await server.RegisterVerifiedAsync("gi@example.com");
        var first = (await server.LoginAsync("gi@example.com")).GetProperty("refresh_token").GetString()!;
        var otherDevice = (await server.LoginAsync("gi@example.com")).GetProperty("refresh_token").GetString()!;

        var second = await RefreshAsync(server, first);
        var third = await RefreshAsync(server, second.GetProperty("refresh_token").GetString()!);
        using var session = server.Api.NewClient(third.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v2/balance")).StatusCode);
        Assert.NotEqual(first, second.GetProperty("refresh_token").GetString());
        Assert.Equal("bearer", third.GetProperty("token_type").GetString());
        Assert.Equal(900, third.GetProperty("expires_in").GetInt32());

        var reused = await server.PostAsync("refresh", new { refresh_token = first });
        var newest = await server.PostAsync("refresh", new { refresh_token = third.GetProperty("refresh_token").GetString() });

        await AssertNotAuthenticated(reused);
        await AssertNotAuthenticated(newest);
        // Another sign-in is another family: it goes on.
        Assert.Equal(HttpStatusCode.OK, (await server.PostAsync("refresh", new { refresh_token = otherDevice })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_or_expired_refresh_token_gets_401()
    {
        var clock = new ManualClock();
        await using var server = await AuthServer.StartAsync(clock: clock);
        await server.RegisterVerifiedAsync("ha@example.com");
        var token = (await server.LoginAsync("ha@example.com")).GetProperty("refresh_token").GetString();

        await AssertNotAuthenticated(await server.PostAsync("refresh", new { refresh_token = "bm90LWEtcmVhbC1yZWZyZXNoLXRva2Vu" }));
        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromSeconds(1));
        await AssertNotAuthenticated(await server.PostAsync("refresh", new { refresh_token = token }));
    }

    [Fact]
    public async Task Forgot_password_answers_200_for_an_unknown_email_and_mails_only_a_known_one()
    {
        await using var server = await AuthServer.StartAsync();
        await server.RegisterVerifiedAsync("io@example.com");

        var unknown = await server.PostAsync("forgot-password", new { email = "nobody@example.com" });
        var known = await server.PostAsync("forgot-password", new { email = "IO@example.com" });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        // Mail leaves in order: had the unknown address produced one, it would be the second of these.
        var mails = await server.MailsAsync(2);
        Assert.Equal(2, mails.Count);
        Assert.Equal("io@example.com", mails[1].To.Mailboxes.Single().Address);
        Assert.Contains("/reset-password?token=", mails[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_the_password_ends_every_session_at_once()
    {
        await using var server = await AuthServer.StartAsync();
        await server.RegisterVerifiedAsync("jo@example.com");
        var login = await server.LoginAsync("jo@example.com");
        using var session = server.Api.NewClient(login.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/api/v2/balance")).StatusCode);

        await server.PostAsync("forgot-password", new { email = "jo@example.com" });
        var token = AuthServer.TokenIn((await server.MailsAsync(2))[1]);
        var reset = await server.PostAsync("reset-password", new { token, new_password = "a brand new secret" });

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        await AssertNotAuthenticated(await session.GetAsync("/api/v2/balance"));
        await AssertNotAuthenticated(await server.PostAsync("refresh", new { refresh_token = login.GetProperty("refresh_token").GetString() }));
        await AssertNotAuthenticated(await server.PostAsync("login", new { email = "jo@example.com", password = AuthServer.Password }));
        await server.LoginAsync("jo@example.com", "a brand new secret");
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PostAsync("reset-password", new { token, new_password = "yet another secret" })).StatusCode);
    }

    [Fact]
    public async Task A_reset_proves_the_mailbox_so_it_also_verifies_the_address()
    {
        await using var server = await AuthServer.StartAsync();
        await server.PostAsync("register", new { email = "ka@example.com", password = AuthServer.Password });
        await server.PostAsync("forgot-password", new { email = "ka@example.com" });
        var token = AuthServer.TokenIn((await server.MailsAsync(2))[1]);

        await server.PostAsync("reset-password", new { token, new_password = "a brand new secret" });

        await server.LoginAsync("ka@example.com", "a brand new secret");
    }

    private static async Task<JsonElement> RefreshAsync(AuthServer server, string refreshToken)
    {
        var response = await server.PostAsync("refresh", new { refresh_token = refreshToken });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task AssertNotAuthenticated(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("not_authenticated", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
