using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Tests.Auth;

public sealed class LinkingTests
{
    [Fact]
    public async Task A_signed_in_email_account_links_a_telegram_identity_that_has_no_account()
    {
        await using var server = await AuthServer.StartAsync();
        var accountId = await server.RegisterVerifiedAsync("la@example.com");
        using var session = server.Api.NewClient((await server.LoginAsync("la@example.com")).GetProperty("access_token").GetString());

        var linked = await server.PostAsync("telegram", AuthServer.Widget(3131, DateTimeOffset.UtcNow, "la_tg"), session);

        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var user = (await linked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user");
        Assert.Equal(accountId, user.GetProperty("id").GetInt64());
        Assert.Equal(3131, user.GetProperty("telegram_id").GetInt64());
        // The Telegram user's one sign-up grant, which they never had.
        Assert.Equal(50, user.GetProperty("token_balance").GetInt32());
        var widget = await server.PostAsync("telegram", AuthServer.Widget(3131, DateTimeOffset.UtcNow, "la_tg"));
        Assert.Equal(accountId, (await widget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("user").GetProperty("id").GetInt64());
        var bot = await server.Api.Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(3131, "la_tg", "Anna", "en"));
        Assert.Equal(accountId, bot.Account.Id);
        Assert.Equal(50, bot.Account.Balance);
    }

    [Fact]
    public async Task Linking_a_telegram_user_who_has_an_account_is_a_conflict_that_says_to_sign_in_with_telegram()
    {
        await using var server = await AuthServer.StartAsync();
        var botAccount = await server.Api.CreateAccountAsync(3232);
        await server.RegisterVerifiedAsync("ma@example.com");
        using var session = server.Api.NewClient((await server.LoginAsync("ma@example.com")).GetProperty("access_token").GetString());

        var response = await server.PostAsync("telegram", AuthServer.Widget(3232, DateTimeOffset.UtcNow), session);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("conflict", body.GetProperty("error").GetString());
        Assert.Contains("sign in with Telegram", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(botAccount.Id, (await server.Api.Get<AccountService>().FindByTelegramIdAsync(3232))!.Id);
        var me = await session.GetFromJsonAsync<JsonElement>("/api/v2/balance");
        Assert.Equal(0, me.GetProperty("token_balance").GetInt32());
    }

    [Fact]
    public async Task An_api_key_cannot_link_and_an_expired_session_is_told_so()
    {
        var clock = new Elumenta.Core.Tests.TestSupport.ManualClock(DateTimeOffset.UtcNow);
        await using var server = await AuthServer.StartAsync(clock: clock);
        var (_, _, keyClient) = await server.Api.CreateKeyClientAsync(3333, "vip");
        await server.RegisterVerifiedAsync("oa@example.com");
        using var session = server.Api.NewClient((await server.LoginAsync("oa@example.com")).GetProperty("access_token").GetString());

        var byKey = await server.PostAsync("telegram", AuthServer.Widget(3434, clock.GetUtcNow()), keyClient);
        clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await server.PostAsync("telegram", AuthServer.Widget(3434, clock.GetUtcNow()), session);

        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("token_expired", (await expired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Null(await server.Api.Get<AccountService>().FindByTelegramIdAsync(3434));
    }
}
