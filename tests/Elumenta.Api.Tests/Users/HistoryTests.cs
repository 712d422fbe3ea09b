using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using Elumenta.Core.Generations;

namespace Elumenta.Api.Tests.Users;

public sealed class HistoryTests
{
    [Fact]
    public async Task History_lists_bot_and_api_generations_newest_first_with_their_results()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(4001, "elite");
        var fromBot = await AdmitAsync(server, account.Id, "dall-e-3", "bot", "a red fox");
        await server.Get<GenerationStore>().CompleteAsync(fromBot, new GenerationResult { Url = "https://cdn.example.com/fox.png", FileId = "AgAD-file" });
        var failed = await AdmitAsync(server, account.Id, "dall-e-3", "api", "a blue fox");
        await server.Get<GenerationStore>().FailAsync(failed, "provider", "upstream refused");
        // Async models from the bot: this process's job poller follows only the API's own jobs.
        var saved = await AdmitAsync(server, account.Id, "photon-flash", "bot", "a green fox");
        await server.Get<GenerationStore>().CompleteAsync(saved, new GenerationResult { Url = "file:///srv/results/1.png" });
        var pending = await AdmitAsync(server, account.Id, "gpt-5-nano", "bot", "hello");

        var response = await client.GetAsync("/api/v2/user/history");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((4, 1, 20, 1), (page.GetProperty("total").GetInt32(), page.GetProperty("page").GetInt32(), page.GetProperty("limit").GetInt32(), page.GetProperty("pages").GetInt32()));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([pending, saved, failed, fromBot], items.Select(i => i.GetProperty("id").GetInt64()));

        var bot = items[3];
        Assert.Equal("image", bot.GetProperty("type").GetString());
        Assert.Equal("dall-e-3", bot.GetProperty("model").GetString());
        Assert.Equal("completed", bot.GetProperty("status").GetString());
        Assert.Equal("a red fox", bot.GetProperty("prompt").GetString());
        Assert.Equal("https://cdn.example.com/fox.png", bot.GetProperty("url").GetString());
        Assert.Equal(5, bot.GetProperty("tokens_used").GetInt32());
        Assert.True(bot.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);

        Assert.Equal("failed", items[2].GetProperty("status").GetString());
        Assert.Equal(0, items[2].GetProperty("tokens_used").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[2].GetProperty("url").ValueKind);
        Assert.Equal($"{server.BaseAddress.ToString().TrimEnd('/')}/api/v2/files/{saved}/0", items[1].GetProperty("url").GetString());
        Assert.Equal(("text", "pending", 0), (items[0].GetProperty("type").GetString(), items[0].GetProperty("status").GetString(), items[0].GetProperty("tokens_used").GetInt32()));
    }

    [Fact]
    public async Task Pages_split_the_history_and_a_page_past_the_end_is_empty()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(4002, "elite");
        var ids = new List<long>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add(await AdmitAsync(server, account.Id, "gpt-5-nano", i % 2 == 0 ? "bot" : "api", $"question {i}"));
        }

        var second = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/history?page=2&limit=10");
        var third = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/history?page=3&limit=10");
        var beyond = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/history?page=4&limit=10");
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/history?limit=100");

        Assert.Equal((25, 2, 10, 3), (second.GetProperty("total").GetInt32(), second.GetProperty("page").GetInt32(), second.GetProperty("limit").GetInt32(), second.GetProperty("pages").GetInt32()));
        Assert.Equal(ids.AsEnumerable().Reverse().Skip(10).Take(10), second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(ids.Take(5).Reverse(), third.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(25, beyond.GetProperty("total").GetInt32());
        Assert.Equal(25, all.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Type_model_and_status_filter_the_history()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(4003, "elite");
        var image = await AdmitAsync(server, account.Id, "dall-e-3", "bot", "fox");
        var text = await AdmitAsync(server, account.Id, "gpt-5-nano", "api", "hi");
        var otherText = await AdmitAsync(server, account.Id, "claude-haiku-4.5", "api", "hey");
        await server.Get<GenerationStore>().FailAsync(otherText, "timeout", null);
        var tool = await AdmitAsync(server, account.Id, "remove-bg", "bot", null);

        async Task<IEnumerable<long>> Ids(string query) =>
            (await client.GetFromJsonAsync<JsonElement>($"/api/v2/user/history?{query}")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();

        Assert.Equal([image], await Ids("type=image"));
        Assert.Equal([otherText, text], await Ids("type=text"));
        Assert.Equal([tool], await Ids("type=image_tool"));
        Assert.Equal([text], await Ids("model=gpt-5-nano"));
        Assert.Equal([otherText], await Ids("status=failed"));
        Assert.Equal([text], await Ids("type=text&status=pending"));
        Assert.Empty(await Ids("model=sora-2"));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("type=hologram", "type")]
    [InlineData("status=done", "status")]
    public async Task Bad_paging_and_filter_values_are_validation_errors(string query, string field)
    {
        await using var server = await ApiServer.StartAsync();
        var (_, _, client) = await server.CreateKeyClientAsync(4004);

        var response = await client.GetAsync($"/api/v2/user/history?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation_error", error.GetProperty("error").GetString());
        Assert.True(error.GetProperty("details").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Another_accounts_generations_are_never_listed()
    {
        await using var server = await ApiServer.StartAsync();
        var (mine, _, client) = await server.CreateKeyClientAsync(4005, "elite");
        var (theirs, _, _) = await server.CreateKeyClientAsync(4006, "elite");
        var own = await AdmitAsync(server, mine.Id, "gpt-5-nano", "api", "mine");
        await AdmitAsync(server, theirs.Id, "gpt-5-nano", "api", "theirs");

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v2/user/history");

        Assert.Equal(1, page.GetProperty("total").GetInt32());
        Assert.Equal(own, page.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    private static async Task<long> AdmitAsync(ApiServer server, long accountId, string model, string source, string? prompt)
    {
        var result = await server.Get<Admission>().AdmitAsync(new AdmissionRequest(accountId, model) { Source = source, Prompt = prompt });
        return Assert.IsType<AdmissionResult.Admitted>(result).GenerationId;
    }
}
