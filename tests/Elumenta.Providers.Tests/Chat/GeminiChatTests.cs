using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Chat;

public sealed class GeminiChatTests
{
    private static readonly Model Flash = TestModels.Text("gemini-2.5-flash", ProviderName.Google, "gemini-2.5-flash", ModelCapabilities.Vision);
    private const string Path = "/v1beta/models/gemini-2.5-flash:streamGenerateContent";

    private static string Chunk(string text, string? finish = null, bool thought = false) =>
        "data: " + System.Text.Json.JsonSerializer.Serialize(new
        {
            candidates = new[] { new { content = new { role = "model", parts = new[] { new { text, thought } } }, finishReason = finish, index = 0 } },
            usageMetadata = new { promptTokenCount = 5, candidatesTokenCount = 12, totalTokenCount = 17 },
            modelVersion = "gemini-2.5-flash",
        }) + "\r\n\r\n";

    private static ChatRequest Ask(params ChatTurn[] turns) => new(Flash, turns.Length > 0 ? turns : [ChatTurn.User("hi")]);

    [Fact]
    public async Task Streams_crlf_sse_skipping_thoughts_and_sends_key_header_roles_and_alt_sse()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Google, "/v1beta");
        h.Fake.On("POST", Path, Sse(Chunk("thinking…", thought: true), ": keep-alive\r\n\r\n", Chunk("Hel"), Chunk("lo", "STOP")));

        var deltas = await Collect.AllAsync(h.Router.StreamAsync(Ask(ChatTurn.User("hi"), ChatTurn.Assistant("Hi!"), ChatTurn.User("pic", MediaInput.FromBytes([7], "image/png"))), default));

        Assert.Equal("Hello", Collect.Text(deltas));
        Assert.Equal("thinking…", deltas[0].Reasoning);
        Assert.Contains(deltas, d => d is { FinishReason: "STOP", Usage.InputTokens: 5 });
        var sent = h.Fake.Single("POST", Path);
        Assert.Equal("?alt=sse", sent.Query);
        Assert.Equal(ProviderHarness.KeyOf(ProviderName.Google), sent.Header("x-goog-api-key"));
        var contents = sent.Json.GetProperty("contents");
        Assert.Equal(["user", "model", "user"], contents.EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.Equal("Bw==", contents[2].GetProperty("parts")[0].GetProperty("inlineData").GetProperty("data").GetString());
    }

    [Fact]
    public async Task Blocked_prompt_and_safety_finish_are_refusals()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Google, "/v1beta");
        h.Fake.On("POST", Path, Sse("data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"usageMetadata\":{\"promptTokenCount\":5}}\r\n\r\n"));
        h.Fake.On("POST", Path, Sse("data: {\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}\n\n"));
        Assert.Equal(ProviderErrorKind.ContentPolicy, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
        Assert.Equal(ProviderErrorKind.ContentPolicy, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
    }

    [Fact]
    public async Task Resource_exhausted_uses_the_retry_info_delay()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Google, "/v1beta");
        h.Fake.On("POST", Path, Json(429, """
            {
              "error": {
                "code": 429,
                "message": "You exceeded your current quota, please check your plan and billing details.",
                "status": "RESOURCE_EXHAUSTED",
                "details": [
                  {"@type": "type.googleapis.com/google.rpc.QuotaFailure", "violations": []},
                  {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s"}
                ]
              }
            }
            """));
        var e = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(37)), (e.Kind, e.RetryAfter!.Value));
    }

    [Fact]
    public async Task Invalid_key_400_is_misconfigured_and_503_is_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Google, "/v1beta");
        h.Fake.On("POST", Path, Json(400, """{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com"}]}}"""));
        h.Fake.On("POST", Path, Json(503, """{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}"""));
        Assert.Equal(ProviderErrorKind.Misconfigured, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
        var overloaded = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default));
        Assert.Equal(503, overloaded.HttpStatus);
        Assert.Contains(overloaded.Kind, new[] { ProviderErrorKind.Unavailable, ProviderErrorKind.Overloaded });
    }

    [Fact]
    public async Task Malformed_chunk_and_a_stream_closed_without_finish_are_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Google, "/v1beta");
        h.Fake.On("POST", Path, Sse(Chunk("a"), "data: [not json\r\n\r\n"));
        h.Fake.On("POST", Path, Sse(Chunk("a")));
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
    }

    [Fact]
    public async Task Silent_stream_times_out()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Google, "/v1beta", s => s["Providers:TextIdleTimeout"] = "00:00:03");
        h.Fake.On("POST", Path, SseThenHang(Chunk("a")));
        Assert.Equal(ProviderErrorKind.Timeout, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(), default))).Kind);
    }
}
