using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Core.Accounts;

namespace Elumenta.Api.Tests.Auth;

public sealed class TelegramWidgetTests
{
    [Fact]
    public async Task A_widget_sign_in_lands_in_the_account_the_bot_made()
    {
        await using var server = await AuthServer.StartAsync();
        var botAccount = await server.Api.CreateAccountAsync(4242, "vip");

        var response = await server.PostAsync("telegram", AuthServer.Widget(4242, DateTimeOffset.UtcNow.AddMinutes(-1), "user4242"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.False(body.GetProperty("is_new_user").GetBoolean());
        var user = body.GetProperty("user");
        Assert.Equal(botAccount.Id, user.GetProperty("id").GetInt64());
        Assert.Equal(4242, user.GetProperty("telegram_id").GetInt64());
        Assert.Equal("vip", user.GetProperty("plan").GetString());
        Assert.Equal(botAccount.Balance, user.GetProperty("token_balance").GetInt32());

        using var session = server.Api.NewClient(body.GetProperty("access_token").GetString());
        var balance = await session.GetFromJsonAsync<JsonElement>("/api/v2/balance");
        Assert.Equal(botAccount.Balance, balance.GetProperty("token_balance").GetInt32());
    }

    [Fact]
    public async Task A_telegram_user_new_to_elumenta_gets_an_account_with_the_50_token_grant_once()
    {
        await using var server = await AuthServer.StartAsync();

        // The widget may send id and auth_date as strings as well as numbers.
        var first = await server.PostAsync("telegram", AuthServer.Widget(5151, DateTimeOffset.UtcNow, numbersAsStrings: true));
        var second = await server.PostAsync("telegram", AuthServer.Widget(5151, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.GetProperty("is_new_user").GetBoolean());
        Assert.Equal(50, created.GetProperty("user").GetProperty("token_balance").GetInt32());
        Assert.Equal("free", created.GetProperty("user").GetProperty("plan").GetString());
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(again.GetProperty("is_new_user").GetBoolean());
        Assert.Equal(50, again.GetProperty("user").GetProperty("token_balance").GetInt32());
        var id = created.GetProperty("user").GetProperty("id").GetInt64();
        Assert.Equal(id, again.GetProperty("user").GetProperty("id").GetInt64());
        // The bot, on that user's first message, finds the same account.
        var bot = await server.Api.Get<AccountService>().GetOrCreateAsync(new TelegramUserInfo(5151, null, "Anna", "en"));
        Assert.False(bot.Created);
        Assert.Equal(id, bot.Account.Id);
    }

    [Fact]
    public async Task A_payload_signed_with_another_bot_token_is_refused_and_creates_nothing()
    {
        await using var server = await AuthServer.StartAsync();

        var response = await server.PostAsync("telegram", AuthServer.Widget(6161, DateTimeOffset.UtcNow, botToken: "654321:some-other-bot-token"));

        await AssertRefused(response);
        Assert.Null(await server.Api.Get<AccountService>().FindByTelegramIdAsync(6161));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("first_name")]
    [InlineData("auth_date")]
    [InlineData("added")]
    public async Task A_payload_with_a_changed_or_added_field_is_refused(string field)
    {
        await using var server = await AuthServer.StartAsync();
        var payload = AuthServer.Widget(7171, DateTimeOffset.UtcNow.AddMinutes(-5));
        payload[field] = field switch
        {
            "id" => 7172L,
            "auth_date" => DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            "added" => "photo",
            _ => "Mallory",
        };

        await AssertRefused(await server.PostAsync("telegram", payload));
        Assert.Null(await server.Api.Get<AccountService>().FindByTelegramIdAsync(7172));
    }

    [Theory]
    [InlineData(-25 * 60)]
    [InlineData(+60)]
    public async Task A_payload_older_than_24_hours_or_from_the_future_is_refused(int minutesFromNow)
    {
        await using var server = await AuthServer.StartAsync();

        var response = await server.PostAsync("telegram", AuthServer.Widget(8181, DateTimeOffset.UtcNow.AddMinutes(minutesFromNow)));

        await AssertRefused(response);
        var fresh = await server.PostAsync("telegram", AuthServer.Widget(8181, DateTimeOffset.UtcNow.AddHours(-23)));
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Without_a_hash_the_answer_is_a_validation_error()
    {
        await using var server = await AuthServer.StartAsync();
        var payload = AuthServer.Widget(9191, DateTimeOffset.UtcNow);
        payload.Remove("hash");

        var response = await server.PostAsync("telegram", payload);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_error", body.GetProperty("error").GetString());
        Assert.True(body.GetProperty("details").TryGetProperty("hash", out _));
    }

    [Fact]
    public async Task Without_a_bot_token_telegram_sign_in_answers_503_and_says_why()
    {
        await using var server = await AuthServer.StartAsync(new Dictionary<string, string?> { ["Telegram:BotToken"] = "" });

        var response = await server.PostAsync("telegram", AuthServer.Widget(1212, DateTimeOffset.UtcNow));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("service_unavailable", body.GetProperty("error").GetString());
        Assert.Contains("Telegram:BotToken", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_authenticated", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }
}
