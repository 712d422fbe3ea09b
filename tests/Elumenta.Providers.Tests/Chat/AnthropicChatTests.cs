using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Chat;

public sealed class AnthropicChatTests
{
    private static readonly Model Sonnet = TestModels.Text("claude-sonnet-4.5", ProviderName.Anthropic, "claude-sonnet-4-5", ModelCapabilities.Vision);

    private static readonly string Start = Event("message_start", new { type = "message_start", message = new { id = "msg_1", type = "message", role = "assistant", model = "claude-sonnet-4-5-20250929", content = Array.Empty<object>(), stop_reason = (string?)null, usage = new { input_tokens = 11, output_tokens = 1 } } });

    private static string Delta(string text) => Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text } });

    private static string Stop(string reason) => Event("message_delta", new { type = "message_delta", delta = new { stop_reason = reason, stop_sequence = (string?)null }, usage = new { output_tokens = 6 } });

    private static ChatRequest Ask(params ChatTurn[] turns) => new(Sonnet, turns.Length > 0 ? turns : [ChatTurn.User("hi")], "be brief");

    [Fact]
    public async Task Streams_named_events_and_sends_key_version_system_and_image_blocks()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic);
        h.Fake.On("POST", "/v1/messages", Sse(
            Start,
            Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } }),
            Event("ping", new { type = "ping" }),
            Delta("Hi"),
            Delta(" there"),
            Event("content_block_stop", new { type = "content_block_stop", index = 0 }),
            Stop("end_turn"),
            Event("message_stop", new { type = "message_stop" })));

        var deltas = await Collect.AllAsync(h.Router.StreamAsync(Ask(ChatTurn.User("look", MediaInput.FromBytes([1, 2, 3], "image/jpeg"))), default));

        Assert.Equal("Hi there", Collect.Text(deltas));
        Assert.Contains(deltas, d => d is { FinishReason: "end_turn", Usage: { InputTokens: 11, OutputTokens: 6 } });
        var sent = h.Fake.Single("POST", "/v1/messages");
        Assert.Equal(ProviderHarness.KeyOf(ProviderName.Anthropic), sent.Header("x-api-key"));
        Assert.Equal("2023-06-01", sent.Header("anthropic-version"));
        Assert.Null(sent.Header("Authorization"));
        Assert.Equal("claude-sonnet-4-5", sent.Json.GetProperty("model").GetString());
        Assert.Equal("be brief", sent.Json.GetProperty("system").GetString());
        Assert.True(sent.Json.GetProperty("max_tokens").GetInt32() > 0);
        var image = sent.Json.GetProperty("messages")[0].GetProperty("content")[0];
        Assert.Equal("base64", image.GetProperty("source").GetProperty("type").GetString());
        Assert.Equal("image/jpeg", image.GetProperty("source").GetProperty("media_type").GetString());
    }

    [Fact]
    public async Task Refusal_stop_reason_after_partial_text_is_a_content_policy_failure()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic);
        h.Fake.On("POST", "/v1/messages", Sse(Start, Delta("I"), Stop("refusal"), Event("message_stop", new { type = "message_stop" })));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default));
        Assert.Equal(ProviderErrorKind.ContentPolicy, e.Kind);
    }

    [Fact]
    public async Task Error_event_after_200_is_mapped_like_its_status()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic);
        h.Fake.On("POST", "/v1/messages", Sse(Start, Delta("par"), "event: error\r\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\r\n\r\n"));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default));
        Assert.Equal(ProviderErrorKind.Overloaded, e.Kind);
    }

    [Fact]
    public async Task Rate_limit_429_carries_retry_after_and_is_sent_once()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic);
        h.Fake.On("POST", "/v1/messages", Json(429, """{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"},"request_id":"req_1"}""", ("retry-after", "12"), ("x-should-retry", "true")));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(12)), (e.Kind, e.RetryAfter!.Value));
        Assert.Single(h.Fake.Requests);
    }

    [Fact]
    public async Task Low_credit_400_is_misconfigured_and_529_is_overloaded()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic);
        h.Fake.On("POST", "/v1/messages", Json(400, """{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API."}}"""));
        h.Fake.On("POST", "/v1/messages", Json(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));
        Assert.Equal(ProviderErrorKind.Misconfigured, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
        Assert.Equal(ProviderErrorKind.Overloaded, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
    }

    [Fact]
    public async Task Server_error_malformed_event_and_missing_message_stop_are_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic);
        h.Fake.On("POST", "/v1/messages", Json(500, """{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"""));
        h.Fake.On("POST", "/v1/messages", Sse(Start, "event: content_block_delta\ndata: {broken\n\n"));
        h.Fake.On("POST", "/v1/messages", Sse(Start, Delta("cut")));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
        }
    }

    [Fact]
    public async Task Hanging_headers_time_out()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Anthropic, configure: s => s["Providers:Anthropic:StreamTimeout"] = "00:00:03");
        h.Fake.On("POST", "/v1/messages", Hang());
        Assert.Equal(ProviderErrorKind.Timeout, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
    }
}
