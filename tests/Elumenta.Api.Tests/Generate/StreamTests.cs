using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Elumenta.Api.Tests.TestSupport;
using static Elumenta.Api.Tests.Generate.GenerateSupport;

namespace Elumenta.Api.Tests.Generate;

public sealed class StreamTests
{
    [Fact]
    public async Task A_stream_sends_start_deltas_end_then_done_and_charges_like_a_request()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(6001);

        var response = await client.PostAsJsonAsync("/api/v2/generate/stream", new { model = "deepseek-v3", prompt = "Tell me about rivers" });
        var events = await EventsAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("[DONE]", events[^1]);
        var parsed = events[..^1].Select(e => JsonDocument.Parse(e).RootElement).ToList();
        Assert.Equal("generation_start", parsed[0].GetProperty("type").GetString());
        Assert.Equal("deepseek-v3", parsed[0].GetProperty("model").GetString());
        var id = parsed[0].GetProperty("id").GetInt64();
        var deltas = parsed[1..^1];
        Assert.True(deltas.Count > 1);
        Assert.All(deltas, d => Assert.Equal("content_delta", d.GetProperty("type").GetString()));
        var end = parsed[^1];
        Assert.Equal("generation_end", end.GetProperty("type").GetString());
        Assert.Equal(id, end.GetProperty("id").GetInt64());
        Assert.Equal(1, end.GetProperty("tokens_spent").GetInt32());
        Assert.Equal(1549, end.GetProperty("balance_remaining").GetInt32());
        var stored = await ReadAsync(await client.GetAsync($"/api/v2/generate/{id}"));
        Assert.Equal(string.Concat(deltas.Select(d => d.GetProperty("delta").GetString())), stored.GetProperty("result_text").GetString());
        Assert.Equal(1549, await BalanceAsync(server, account.Id));
    }

    [Fact]
    public async Task Stream_true_on_generate_streams_and_refusals_before_the_stream_are_plain_json_errors()
    {
        await using var server = await ApiServer.StartAsync();
        var (_, client) = await CreateSessionClientAsync(server, 6002);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/generate") { Content = JsonContent.Create(new { model = "gpt-5-nano", prompt = "hi", stream = true }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        var streamed = await EventsAsync(await client.SendAsync(request));
        var (locked, lockedBody) = await PostAsync(client, new { model = "gpt-5", prompt = "hi" }, path: "/api/v2/generate/stream");
        var (image, imageBody) = await PostAsync(client, new { model = "dall-e-3", prompt = "hi" }, path: "/api/v2/generate/stream");

        Assert.Contains("generation_end", streamed[^2]);
        Assert.Equal("[DONE]", streamed[^1]);
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);
        Assert.Equal("application/json", locked.Content.Headers.ContentType!.MediaType);
        Assert.Equal("insufficient_plan", lockedBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, image.StatusCode);
        Assert.Contains("only text models", imageBody.GetProperty("details").GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_client_that_leaves_mid_stream_stops_the_upstream_call_and_is_not_charged()
    {
        await using var upstream = await FakeChatUpstream.StartAsync();
        await using var server = await ApiServer.StartAsync(upstream.Settings());
        var (account, _, client) = await server.CreateKeyClientAsync(6003);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/generate/stream") { Content = JsonContent.Create(new { model = "deepseek-v3", prompt = "a long story" }) };
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        long id;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            using var reader = new StreamReader(body);
            id = JsonDocument.Parse((await NextDataAsync(reader))!).RootElement.GetProperty("id").GetInt64();
            Assert.Contains("The first words", await NextDataAsync(reader));
            Assert.Equal("pending", await StatusAsync(server, id));
        }

        response.Dispose();

        await upstream.CallerLeft.Task.WaitAsync(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 400 && await StatusAsync(server, id) == "pending"; i++)
        {
            await Task.Delay(25);
        }
        Assert.Equal("canceled", await StatusAsync(server, id));
        Assert.Equal(1550, await BalanceAsync(server, account.Id));
        var shown = await ReadAsync(await client.GetAsync($"/api/v2/generate/{id}"));
        Assert.Equal("failed", shown.GetProperty("status").GetString());
        Assert.Equal(0, shown.GetProperty("tokens_spent").GetInt32());
        Assert.StartsWith("Canceled", shown.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_provider_failure_is_500_provider_error_or_an_error_event_and_is_never_charged()
    {
        await using var upstream = await FakeChatUpstream.StartAsync();
        upstream.FailWith = 401;
        await using var server = await ApiServer.StartAsync(upstream.Settings());
        var (account, _, client) = await server.CreateKeyClientAsync(6004);

        var (plain, plainBody) = await PostAsync(client, new { model = "deepseek-v3", prompt = "hi" });
        var events = await EventsAsync(await client.PostAsJsonAsync("/api/v2/generate/stream", new { model = "deepseek-v3", prompt = "hi" }));

        Assert.Equal(HttpStatusCode.InternalServerError, plain.StatusCode);
        Assert.Equal("100", plain.Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
        Assert.Equal("provider_error", plainBody.GetProperty("error").GetString());
        Assert.Contains("no tokens were charged", plainBody.GetProperty("message").GetString());
        Assert.DoesNotContain("API key", plainBody.ToString());
        var failed = await ReadAsync(await client.GetAsync($"/api/v2/generate/{plainBody.GetProperty("details").GetProperty("generation_id").GetInt64()}"));
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(0, failed.GetProperty("tokens_spent").GetInt32());
        Assert.Equal("generation_start", JsonDocument.Parse(events[0]).RootElement.GetProperty("type").GetString());
        Assert.Equal("error", JsonDocument.Parse(events[1]).RootElement.GetProperty("type").GetString());
        Assert.Equal("[DONE]", events[^1]);
        Assert.Equal(1550, await BalanceAsync(server, account.Id));
        Assert.Equal("100", (await client.GetAsync("/api/v2/balance")).Headers.GetValues("X-RateLimit-Remaining-Hour").Single());
    }

    [Fact]
    public async Task A_stream_retried_with_its_idempotency_key_replays_the_answer_without_a_second_charge()
    {
        await using var server = await ApiServer.StartAsync();
        var (account, _, client) = await server.CreateKeyClientAsync(6005);

        async Task<List<string>> StreamOnceAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/generate/stream") { Content = JsonContent.Create(new { model = "deepseek-v3", prompt = "once" }) };
            request.Headers.Add("Idempotency-Key", "stream-1");
            return await EventsAsync(await client.SendAsync(request));
        }

        var first = await StreamOnceAsync();
        var again = await StreamOnceAsync();

        Assert.Equal(first[0], again[0]);
        Assert.Equal(
            string.Concat(first.Where(e => e.Contains("content_delta")).Select(e => JsonDocument.Parse(e).RootElement.GetProperty("delta").GetString())),
            JsonDocument.Parse(again[1]).RootElement.GetProperty("delta").GetString());
        Assert.Contains("generation_end", again[^2]);
        Assert.Equal("[DONE]", again[^1]);
        Assert.Equal(1, await GenerationCountAsync(server, account.Id));
        Assert.Equal(1549, await BalanceAsync(server, account.Id));
    }

    private static async Task<string?> NextDataAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        return null;
    }

    private static async Task<List<string>> EventsAsync(HttpResponseMessage response)
    {
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<string>();
        while (await NextDataAsync(reader) is { } data)
        {
            events.Add(data);
        }

        return events;
    }
}
