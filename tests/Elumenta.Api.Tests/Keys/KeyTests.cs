using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Api.Tests.Users;
using Elumenta.Core.ApiKeys;

namespace Elumenta.Api.Tests.Keys;

/// <summary>The API's keys are the bot's /apikey keys: one <see cref="ApiKeyStore"/>, seen the same from both sides.</summary>
public sealed class KeyTests
{
    [Fact]
    public async Task A_key_created_here_is_shown_once_works_at_once_and_is_listed_by_the_bot()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5001, "vip");

        var response = await client.PostAsJsonAsync("/api/v2/keys", new { name = "ci runner" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt64();
        var secret = created.GetProperty("key").GetString()!;
        Assert.Equal($"/api/v2/keys/{id}", response.Headers.Location?.ToString());
        Assert.Equal("ci runner", created.GetProperty("name").GetString());
        Assert.Matches("^nb_[A-Za-z0-9_-]{45}$", secret);
        Assert.Equal(secret[..11], created.GetProperty("prefix").GetString());
        Assert.True(created.TryGetProperty("created_at", out _));

        var botList = await server.Get<ApiKeyStore>().ListAsync(account.Id);
        Assert.Contains(botList, k => k.Id == id && k.Name == "ci runner");
        Assert.Equal(HttpStatusCode.OK, (await server.NewClient(secret).GetAsync("/api/v2/balance")).StatusCode);

        var listed = await client.GetStringAsync("/api/v2/keys");
        Assert.DoesNotContain(secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKeyStore.Hash(secret), listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_made_by_the_bots_apikey_is_listed_here_with_its_last_use()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5002, "elite");
        var fromBot = (await server.Get<ApiKeyStore>().CreateAsync(account.Id, "Key 2"))!;
        Assert.Equal(HttpStatusCode.OK, (await server.NewClient(fromBot.Secret).GetAsync("/api/v2/user/me")).StatusCode);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v2/keys");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        var listed = items.Single(k => k.GetProperty("id").GetInt64() == fromBot.Key.Id);
        Assert.Equal("Key 2", listed.GetProperty("name").GetString());
        Assert.Equal(fromBot.Key.Prefix, listed.GetProperty("prefix").GetString());
        Assert.True(listed.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.NotEqual(JsonValueKind.Null, listed.GetProperty("last_used_at").ValueKind);
        Assert.False(listed.TryGetProperty("key", out _));
    }

    [Fact]
    public async Task Without_a_name_the_key_is_numbered_as_the_bot_numbers_them_and_a_bad_name_is_refused()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(5003, "vip");

        var unnamed = await client.PostAsync("/api/v2/keys", null);
        var blank = await client.PostAsJsonAsync("/api/v2/keys", new { name = "   " });
        var tooLong = await client.PostAsJsonAsync("/api/v2/keys", new { name = new string('k', 65) });

        Assert.Equal(HttpStatusCode.Created, unnamed.StatusCode);
        Assert.Equal("Key 2", (await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("details").TryGetProperty("name", out _));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/v2/keys")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_eleventh_active_key_is_a_conflict()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5004, "vip");
        for (var i = 2; i <= ApiKeyStore.MaxActiveKeys; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v2/keys", new { name = $"k{i}" })).StatusCode);
        }

        var response = await client.PostAsJsonAsync("/api/v2/keys", new { name = "one too many" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("conflict", error.GetProperty("error").GetString());
        Assert.Equal(10, error.GetProperty("details").GetProperty("limit").GetInt32());
        Assert.Equal(ApiKeyStore.MaxActiveKeys, (await server.Get<ApiKeyStore>().ListAsync(account.Id)).Count);
    }

    [Fact]
    public async Task A_session_on_a_plan_without_api_access_may_list_but_not_create_keys()
    {
        await using var server = await ApiServer.StartAsync();
        var account = await server.CreateAccountAsync(5005, "pro");
        var session = server.SessionClient(account);

        var create = await session.PostAsJsonAsync("/api/v2/keys", new { name = "nope" });
        var list = await session.GetAsync("/api/v2/keys");

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        var error = await create.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("insufficient_plan", error.GetProperty("error").GetString());
        Assert.Equal(["vip", "elite"], error.GetProperty("details").GetProperty("plans").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Empty(await server.Get<ApiKeyStore>().ListAsync(account.Id));
    }

    [Fact]
    public async Task A_vip_session_creates_a_key()
    {
        await using var server = await ApiServer.StartAsync();
        var account = await server.CreateAccountAsync(5006, "vip");

        var response = await server.SessionClient(account).PostAsJsonAsync("/api/v2/keys", new { name = "dashboard" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Single(await server.Get<ApiKeyStore>().ListAsync(account.Id));
    }

    [Fact]
    public async Task A_key_is_renamed_and_a_missing_or_bad_name_changes_nothing()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5007, "vip");
        var id = (await server.Get<ApiKeyStore>().ListAsync(account.Id)).Single().Id;

        var renamed = await Patch(client, id, """{"name":"  production  "}""");
        var missing = await Patch(client, id, "{}");
        var empty = await Patch(client, id, """{"name":""}""");

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("production", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal("production", (await server.Get<ApiKeyStore>().FindAsync(account.Id, id))!.Name);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_at_once()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(5008, "vip");
        var other = (await server.Get<ApiKeyStore>().CreateAsync(account.Id, "to revoke"))!;
        var otherClient = server.NewClient(other.Secret);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/v2/balance")).StatusCode);

        var revoke = await client.DeleteAsync($"/api/v2/keys/{other.Key.Id}");
        var after = await otherClient.GetAsync("/api/v2/balance");
        var again = await client.DeleteAsync($"/api/v2/keys/{other.Key.Id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("not_authenticated", (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.DoesNotContain(await server.Get<ApiKeyStore>().ListAsync(account.Id), k => k.Id == other.Key.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await Patch(client, other.Key.Id, """{"name":"revived"}""")).StatusCode);
    }

    [Fact]
    public async Task Another_accounts_key_cannot_be_seen_renamed_or_revoked()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, mine) = await server.CreateKeyClientAsync(5009, "vip");
        var (theirs, theirSecret, _) = await server.CreateKeyClientAsync(5010, "vip");
        var theirId = (await server.Get<ApiKeyStore>().ListAsync(theirs.Id)).Single().Id;

        var list = await mine.GetFromJsonAsync<JsonElement>("/api/v2/keys");
        var rename = await Patch(mine, theirId, """{"name":"mine now"}""");
        var revoke = await mine.DeleteAsync($"/api/v2/keys/{theirId}");

        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetInt64() == theirId);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal("not_found", (await revoke.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal("test", (await server.Get<ApiKeyStore>().FindAsync(theirs.Id, theirId))!.Name);
        Assert.Equal(HttpStatusCode.OK, (await server.NewClient(theirSecret).GetAsync("/api/v2/balance")).StatusCode);
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, long id, string json) =>
        client.PatchAsync($"/api/v2/keys/{id}", new StringContent(json, Encoding.UTF8, "application/json"));
}
