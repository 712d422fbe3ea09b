using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Accounts;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Tests.Users;

public sealed class ProfileTests
{
    [Fact]
    public async Task User_balance_shows_both_pools_and_the_plan_end()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(2001, "vip");

        var response = await client.GetAsync("/api/v2/user/balance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining-Day"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("vip", body.GetProperty("plan").GetString());
        Assert.Equal(1550, body.GetProperty("token_balance").GetInt32());
        Assert.Equal(1500, body.GetProperty("plan_tokens_remaining").GetInt32());
        Assert.Equal(50, body.GetProperty("bonus_tokens").GetInt32());
        Assert.Equal(account.PlanEndsAt, body.GetProperty("plan_expires_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_free_account_signed_in_by_session_reads_its_balance()
    {
        await using var server = await ApiServer.StartAsync();
        var account = await server.CreateAccountAsync(2002);

        var body = await server.SessionClient(account).GetFromJsonAsync<JsonElement>("/api/v2/user/balance");

        Assert.Equal("free", body.GetProperty("plan").GetString());
        Assert.Equal(50, body.GetProperty("token_balance").GetInt32());
        Assert.Equal(0, body.GetProperty("plan_tokens_remaining").GetInt32());
        Assert.Equal(50, body.GetProperty("bonus_tokens").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("plan_expires_at").ValueKind);
    }

    [Fact]
    public async Task Me_describes_a_telegram_account_with_its_plan_limits()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(2003, "vip");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/me");

        Assert.Equal(account.Id, me.GetProperty("id").GetInt64());
        Assert.Equal("Test", me.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("email").ValueKind);
        Assert.Equal("user2003", me.GetProperty("telegram_username").GetString());
        Assert.Equal(2003, me.GetProperty("telegram_id").GetInt64());
        Assert.Equal("vip", me.GetProperty("plan").GetString());
        Assert.Equal(account.PlanEndsAt, me.GetProperty("plan_expires_at").GetDateTimeOffset());
        Assert.Equal(1550, me.GetProperty("token_balance").GetInt32());
        Assert.Equal(1500, me.GetProperty("token_limit").GetInt32());
        Assert.Equal(100, me.GetProperty("rate_limit_hourly").GetInt32());
        Assert.Equal(1000, me.GetProperty("rate_limit_daily").GetInt32());
        Assert.Equal(["telegram"], me.GetProperty("auth_methods").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Me_reports_zero_for_the_unlimited_windows_of_elite()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(2004, "elite");

        var response = await client.GetAsync("/api/v2/user/me");

        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, me.GetProperty("rate_limit_hourly").GetInt32());
        Assert.Equal(0, me.GetProperty("rate_limit_daily").GetInt32());
        Assert.Equal(3000, me.GetProperty("token_limit").GetInt32());
        Assert.False(response.Headers.Contains("X-RateLimit-Limit-Hour"));
    }

    [Fact]
    public async Task Me_shows_the_email_sign_in_and_both_methods_once_a_telegram_account_has_one()
    {
        await using var server = await ApiServer.StartAsync();
        var account = await server.CreateAccountAsync(2005);
        await AddEmailAsync(server, account.Id, "linked@example.com", verified: true);

        var me = await server.SessionClient(account).GetFromJsonAsync<JsonElement>("/api/v2/user/me");

        Assert.Equal("linked@example.com", me.GetProperty("email").GetString());
        Assert.Equal(["telegram", "email"], me.GetProperty("auth_methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(50, me.GetProperty("token_limit").GetInt32());
        Assert.Equal(5, me.GetProperty("rate_limit_hourly").GetInt32());
        Assert.Equal(20, me.GetProperty("rate_limit_daily").GetInt32());
    }

    [Fact]
    public async Task Me_of_an_email_only_account_has_no_telegram_identity()
    {
        await using var server = await ApiServer.StartAsync();
        var store = server.Get<Store>();
        var id = await store.WriteAsync((c, t) => c.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO accounts (telegram_user_id, username, created_at) VALUES (NULL, 'alice', 0) RETURNING id", transaction: t)));
        await AddEmailAsync(server, id, "alice@example.com", verified: true);
        var account = (await server.Get<AccountService>().FindAsync(id))!;

        var me = await server.SessionClient(account).GetFromJsonAsync<JsonElement>("/api/v2/user/me");

        Assert.Equal("alice", me.GetProperty("name").GetString());
        Assert.Equal("alice@example.com", me.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("telegram_username").ValueKind);
        Assert.Equal(JsonValueKind.Null, me.GetProperty("telegram_id").ValueKind);
        Assert.Equal(["email"], me.GetProperty("auth_methods").EnumerateArray().Select(m => m.GetString()));
    }

    internal static Task AddEmailAsync(ApiServer server, long accountId, string email, bool verified) =>
        server.Get<Store>().WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO email_logins (account_id, email, password_hash, verified_at, created_at) VALUES (@accountId, @email, 'not-a-real-hash', @verified, 0)",
            new { accountId, email, verified = verified ? 1L : (long?)null }, t)));
}
