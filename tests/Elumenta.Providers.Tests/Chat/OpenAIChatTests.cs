using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Chat;

public sealed class OpenAIChatTests
{
    private static readonly Model Gpt5 = TestModels.Text("gpt-5", ProviderName.OpenAI, "gpt-5", ModelCapabilities.Vision);

    private static string Chunk(string? content, string? finish = null) =>
        Data(new { id = "chatcmpl-1", @object = "chat.completion.chunk", created = 1, model = "gpt-5-2025-08-07", choices = new[] { new { index = 0, delta = new { content }, finish_reason = finish } }, usage = (object?)null, obfuscation = "xx" });

    [Fact]
    public async Task Streams_deltas_through_the_sdk_and_sends_model_auth_and_image()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Sse(
            Data(new { id = "c", @object = "chat.completion.chunk", created = 1, model = "gpt-5", choices = new[] { new { index = 0, delta = new { role = "assistant", content = "" }, finish_reason = (string?)null } } }),
            ": keep-alive\n\n",
            Chunk("Hel"),
            Chunk("lo"),
            Chunk(null, "stop"),
            Data(new { id = "c", @object = "chat.completion.chunk", created = 1, model = "gpt-5", choices = Array.Empty<object>(), usage = new { prompt_tokens = 13, completion_tokens = 5, total_tokens = 18 } }),
            "data: [DONE]\n\n"));

        var image = MediaInput.FromBytes([1, 2, 3], "image/png");
        var deltas = await Collect.AllAsync(h.Router.StreamAsync(
            new ChatRequest(Gpt5, [ChatTurn.User("hi"), ChatTurn.Assistant("hello!"), ChatTurn.User("what is this?", image)], "be brief"), default));

        Assert.Equal("Hello", Collect.Text(deltas));
        Assert.Contains(deltas, d => d.FinishReason == "stop");
        Assert.Contains(deltas, d => d.Usage is { InputTokens: 13, OutputTokens: 5 });
        var sent = h.Fake.Single("POST", "/v1/chat/completions");
        Assert.Equal("Bearer " + ProviderHarness.KeyOf(ProviderName.OpenAI), sent.Header("Authorization"));
        Assert.Equal("gpt-5", sent.Json.GetProperty("model").GetString());
        Assert.True(sent.Json.GetProperty("stream").GetBoolean());
        var messages = sent.Json.GetProperty("messages");
        Assert.Equal(4, messages.GetArrayLength());
        Assert.Equal("assistant", messages[2].GetProperty("role").GetString());
        Assert.Contains("data:image/png;base64,AQID", messages[3].GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_policy_400_is_a_refusal()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Json(400, """{"error":{"message":"Your request was rejected as a result of our safety system.","type":"invalid_request_error","param":null,"code":"content_policy_violation"}}"""));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.ContentPolicy, e.Kind);
        Assert.Equal(400, e.HttpStatus);
    }

    [Fact]
    public async Task Refusal_and_content_filter_mid_stream_are_refusals()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Sse(Chunk("par"), Chunk(null, "content_filter"), "data: [DONE]\n\n"));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.ContentPolicy, e.Kind);
    }

    [Fact]
    public async Task Error_object_after_200_fails_the_stream()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Sse(Chunk("par"), Data(new { error = new { message = "The server had an error", type = "server_error", param = (string?)null, code = (string?)null } })));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task Rate_limit_429_is_overloaded_with_retry_after_and_the_create_is_not_repeated()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Json(429, """{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", ("retry-after-ms", "1500"), ("Retry-After", "2")));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.Overloaded, e.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), e.RetryAfter);
        Assert.Single(h.Fake.To("POST", "/v1/chat/completions"));
    }

    [Fact]
    public async Task Insufficient_quota_429_is_misconfigured_not_overloaded()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Json(429, """{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"""));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.Misconfigured, e.Kind);
        Assert.DoesNotContain(ProviderHarness.KeyOf(ProviderName.OpenAI), e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_is_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Json(503, """{"error":{"message":"The server is overloaded","type":"server_error","param":null,"code":"server_is_overloaded"}}"""));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Contains(e.Kind, new[] { ProviderErrorKind.Unavailable, ProviderErrorKind.Overloaded });
        Assert.Equal(503, e.HttpStatus);
    }

    [Fact]
    public async Task Malformed_chunk_is_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        h.Fake.On("POST", "/v1/chat/completions", Sse(Chunk("ok"), "data: {not json\n\n"));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.Unavailable, e.Kind);
    }

    [Fact]
    public async Task Stalled_stream_times_out()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1", s => s["Providers:TextIdleTimeout"] = "00:00:03");
        h.Fake.On("POST", "/v1/chat/completions", SseThenHang(Chunk("first")));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(new ChatRequest(Gpt5, [ChatTurn.User("x")]), default));
        Assert.Equal(ProviderErrorKind.Timeout, e.Kind);
    }

    [Fact]
    public async Task Pro_model_falls_back_to_responses_when_chat_refuses_it()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.OpenAI, "/v1");
        var pro = TestModels.Text("gpt-5.2-pro", ProviderName.OpenAI, "gpt-5.2-pro");
        h.Fake.On("POST", "/v1/chat/completions", Json(404, """{"error":{"message":"This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?","type":"invalid_request_error","param":"model","code":null}}"""));
        h.Fake.On("POST", "/v1/responses", Json(200, """{"id":"resp_1","object":"response","status":"completed","output":[{"type":"reasoning","summary":[]},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"Deep answer","annotations":[]}]}],"usage":{"input_tokens":9,"output_tokens":3,"total_tokens":12}}"""));
        var deltas = await Collect.AllAsync(h.Router.StreamAsync(new ChatRequest(pro, [ChatTurn.User("think")], "sys"), default));
        Assert.Equal("Deep answer", Collect.Text(deltas));
        var sent = h.Fake.Single("POST", "/v1/responses");
        Assert.Equal("gpt-5.2-pro", sent.Json.GetProperty("model").GetString());
        Assert.Equal("sys", sent.Json.GetProperty("instructions").GetString());
    }
}
