using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Elumenta.Core.Tests.TestSupport;
using Dapper;
using Elumenta.Core.Storage;

namespace Elumenta.Api.Tests.Auth;

public sealed class EmailSignUpTests
{
    [Fact]
    public async Task Register_mails_a_link_that_verifies_the_address_and_then_login_opens_a_session()
    {
        await using var server = await AuthServer.StartAsync();

        var registered = await server.PostAsync("register", new { email = "Ada@Example.com", password = AuthServer.Password, username = "ada" });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var created = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var userId = created.GetProperty("user_id").GetInt64();
        Assert.False(string.IsNullOrEmpty(created.GetProperty("message").GetString()));
        var mail = (await server.MailsAsync(1)).Single();
        Assert.Equal("ada@example.com", mail.To.Mailboxes.Single().Address);
        Assert.Contains("http://localhost:5080/verify-email?token=", mail.TextBody, StringComparison.Ordinal);

        var early = await server.PostAsync("login", new { email = "ada@example.com", password = AuthServer.Password });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        var refused = await early.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("forbidden", refused.GetProperty("error").GetString());
        Assert.Contains("verify your email", refused.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        var verified = await server.PostAsync("verify-email", new { token = AuthServer.TokenIn(mail) });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.PostAsync("verify-email", new { token = AuthServer.TokenIn(mail) })).StatusCode);

        var login = await server.LoginAsync("ADA@example.com");
        Assert.Equal("bearer", login.GetProperty("token_type").GetString());
        Assert.Equal(900, login.GetProperty("expires_in").GetInt32());
        var user = login.GetProperty("user");
        Assert.Equal(userId, user.GetProperty("id").GetInt64());
        Assert.Equal("ada@example.com", user.GetProperty("email").GetString());
        Assert.Equal("ada", user.GetProperty("username").GetString());
        Assert.Equal("free", user.GetProperty("plan").GetString());
        Assert.Equal(0, user.GetProperty("token_balance").GetInt32());
        var claims = JwtPayload(login.GetProperty("access_token").GetString()!);
        Assert.Equal(userId.ToString(System.Globalization.CultureInfo.InvariantCulture), claims.GetProperty("sub").GetString());
        Assert.Equal("session", claims.GetProperty("via").GetString());
        Assert.Equal("0", claims.GetProperty("sv").GetString());
        Assert.Equal("elumenta", claims.GetProperty("iss").GetString());
        Assert.Equal("elumenta-api", claims.GetProperty("aud").GetString());
        Assert.Equal(900, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());
        Assert.Equal(43, login.GetProperty("refresh_token").GetString()!.Length);
        using var session = server.Api.NewClient(login.GetProperty("access_token").GetString());
        var balance = await session.GetAsync("/api/v2/balance");
        Assert.Equal(HttpStatusCode.OK, balance.StatusCode);
        Assert.Equal("free", (await balance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Register_refuses_a_bad_email_and_a_short_password_field_by_field_and_a_taken_email_with_409()
    {
        await using var server = await AuthServer.StartAsync();

        var invalid = await server.PostAsync("register", new { email = "not-an-address", password = "short" });
        var first = await server.PostAsync("register", new { email = "bo@example.com", password = AuthServer.Password });
        var taken = await server.PostAsync("register", new { email = " BO@example.com ", password = "another password" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        var body = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_error", body.GetProperty("error").GetString());
        Assert.True(body.GetProperty("details").TryGetProperty("email", out _));
        Assert.True(body.GetProperty("details").TryGetProperty("password", out _));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("conflict", (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        await using var server = await AuthServer.StartAsync();
        await server.RegisterVerifiedAsync("cy@example.com");

        var wrongPassword = await server.PostAsync("login", new { email = "cy@example.com", password = "not the password" });
        var unknownEmail = await server.PostAsync("login", new { email = "nobody@example.com", password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownEmail.StatusCode);
        var body = await wrongPassword.Content.ReadAsStringAsync();
        Assert.Equal(body, await unknownEmail.Content.ReadAsStringAsync());
        Assert.Equal("not_authenticated", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_password_is_stored_only_as_a_salted_hash()
    {
        await using var server = await AuthServer.StartAsync();
        await server.RegisterVerifiedAsync("di@example.com");
        await server.RegisterVerifiedAsync("ed@example.com", mailIndex: 1);

        var hashes = (await server.Api.Get<Store>().ReadAsync(c => c.QueryAsync<string>(
            "SELECT password_hash FROM email_logins ORDER BY account_id"))).ToList();
        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.All(hashes, h => Assert.DoesNotContain(AuthServer.Password, h, StringComparison.Ordinal));
        Assert.All(hashes, h => Assert.Equal(0x01, Convert.FromBase64String(h)[0]));
        // On SQLite the whole file (and its WAL) is searched for the password, not just the column.
        foreach (var file in File.Exists(server.Api.DatabasePath) ? Directory.GetFiles(Path.GetDirectoryName(server.Api.DatabasePath)!, "elumenta.db*") : [])
        {
            var bytes = await ReadSharedAsync(file);
            Assert.DoesNotContain(AuthServer.Password, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_access_token_stops_working_after_15_minutes_with_token_expired()
    {
        var clock = new ManualClock();
        await using var server = await AuthServer.StartAsync(clock: clock);
        await server.RegisterVerifiedAsync("fa@example.com");
        using var session = server.Api.NewClient((await server.LoginAsync("fa@example.com")).GetProperty("access_token").GetString());

        clock.Advance(TimeSpan.FromMinutes(14));
        var before = await session.GetAsync("/api/v2/balance");
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var after = await session.GetAsync("/api/v2/balance");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("token_expired", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    private static JsonElement JwtPayload(string jwt) =>
        JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement;

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
