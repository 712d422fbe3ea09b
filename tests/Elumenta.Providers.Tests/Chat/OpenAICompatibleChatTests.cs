using Elumenta.Core.Catalog;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Chat;

/// <summary>DeepSeek and xAI speak OpenAI's chat wire; each runs the same cases against its own base path.</summary>
public sealed class OpenAICompatibleChatTests
{
    public static TheoryData<ProviderName, string, string> Upstreams => new()
    {
        { ProviderName.DeepSeek, "", "deepseek-reasoner" },
        { ProviderName.XAI, "/v1", "grok-4-fast-reasoning" },
    };

    private static string Chunk(string? content, string? reasoning = null, string? finish = null) =>
        Data(new { id = "c", @object = "chat.completion.chunk", created = 1, model = "m", choices = new[] { new { index = 0, delta = new { content, reasoning_content = reasoning }, finish_reason = finish } } });

    private static ChatRequest Ask(ProviderName provider, string upstream) =>
        new(TestModels.Text("m", provider, upstream), [ChatTurn.User("2+2?"), ChatTurn.Assistant("4"), ChatTurn.User("and 3+3?")], "math");

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task Streams_reasoning_then_content_past_keep_alives_and_sends_bearer_and_model(ProviderName provider, string basePath, string upstream)
    {
        await using var h = await ProviderHarness.StartAsync(provider, basePath);
        h.Fake.On("POST", basePath + "/chat/completions", Sse(": keep-alive\n\n", Chunk(null, "Adding"), ": keep-alive\n\n", Chunk("6"), Chunk(null, finish: "stop"), "data: [DONE]\n\n"));

        var deltas = await Collect.AllAsync(h.Router.StreamAsync(Ask(provider, upstream), default));

        Assert.Equal("6", Collect.Text(deltas));
        Assert.Equal("Adding", deltas[0].Reasoning);
        var sent = h.Fake.Single("POST", basePath + "/chat/completions");
        Assert.Equal("Bearer " + ProviderHarness.KeyOf(provider), sent.Header("Authorization"));
        Assert.Equal(upstream, sent.Json.GetProperty("model").GetString());
        Assert.True(sent.Json.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal(["system", "user", "assistant", "user"], sent.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.False(sent.Json.TryGetProperty("reasoning_effort", out _));
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task Error_chunk_after_200_and_content_filter_are_mapped(ProviderName provider, string basePath, string upstream)
    {
        await using var h = await ProviderHarness.StartAsync(provider, basePath);
        h.Fake.On("POST", basePath + "/chat/completions", Sse(Chunk("a"), Data(new { error = new { message = "Server overloaded", type = "server_error", code = "overloaded" } })));
        h.Fake.On("POST", basePath + "/chat/completions", Sse(Chunk("a"), Chunk(null, finish: "content_filter"), "data: [DONE]\n\n"));
        Assert.Equal(ProviderErrorKind.Overloaded, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default))).Kind);
        Assert.Equal(ProviderErrorKind.ContentPolicy, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default))).Kind);
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task Status_errors_are_mapped_and_never_repeated(ProviderName provider, string basePath, string upstream)
    {
        await using var h = await ProviderHarness.StartAsync(provider, basePath);
        var path = basePath + "/chat/completions";
        h.Fake.On("POST", path, Json(429, """{"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}}""", ("Retry-After", "3")));
        h.Fake.On("POST", path, Json(402, """{"error":{"message":"Insufficient Balance","type":"unknown_error","param":null,"code":"invalid_request_error"}}"""));
        h.Fake.On("POST", path, Json(503, """{"error":{"message":"Server overloaded","type":"server_error","param":null,"code":null}}"""));
        h.Fake.On("POST", path, Json(400, """{"code":"Client specified an invalid argument","error":"Incorrect API key provided: sk***89. You can obtain an API key from https://console.x.ai."}"""));
        h.Fake.On("POST", path, Sse(Chunk("a"), "data: {oops\n\n"));

        var limited = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default));
        Assert.Equal((ProviderErrorKind.Overloaded, TimeSpan.FromSeconds(3)), (limited.Kind, limited.RetryAfter!.Value));
        Assert.Equal(ProviderErrorKind.Misconfigured, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default))).Kind);
        Assert.Equal(ProviderErrorKind.Overloaded, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default))).Kind);
        var badKey = await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default));
        Assert.Equal(ProviderErrorKind.Misconfigured, badKey.Kind);
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default))).Kind);
        Assert.Equal(5, h.Fake.To("POST", path).Count);
    }

    [Theory]
    [MemberData(nameof(Upstreams))]
    public async Task Keep_alives_alone_do_not_count_as_progress(ProviderName provider, string basePath, string upstream)
    {
        await using var h = await ProviderHarness.StartAsync(provider, basePath, s => s["Providers:TextIdleTimeout"] = "00:00:03");
        h.Fake.On("POST", basePath + "/chat/completions", SseThenHang(": keep-alive\n\n"));
        Assert.Equal(ProviderErrorKind.Timeout, (await Collect.StreamFailureAsync(h.Router.StreamAsync(Ask(provider, upstream), default))).Kind);
    }
}
