using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Tests.Infrastructure;
using static Elumenta.Providers.Tests.Infrastructure.Respond;

namespace Elumenta.Providers.Tests.Resilience;

public sealed class ResilienceTests
{
    private static readonly Model Flux = TestModels.Make("flux-1.1-pro", ModelCategory.Image, ProviderName.Replicate, "black-forest-labs/flux-1.1-pro", capabilities: [ModelCapabilities.Async]);

    [Fact]
    public async Task Repeated_server_errors_open_the_breaker_so_the_provider_is_reported_unavailable_without_calling_it()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1", s =>
        {
            s["Providers:Replicate:MaxRetries"] = "0";
            s["Providers:Replicate:BreakDuration"] = "00:01:00";
        });
        h.Fake.On("POST", "/v1/models/*", Json(500, """{"detail":"boom"}"""));
        Assert.True(h.Router.IsAvailable(Flux));

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default))).Kind);
        }

        Assert.False(h.Router.IsAvailable(Flux));
        var calls = h.Fake.Requests.Count;
        var open = await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default));
        Assert.Equal(ProviderErrorKind.Unavailable, open.Kind);
        Assert.NotNull(open.RetryAfter);
        Assert.Equal(calls, h.Fake.Requests.Count);
    }

    [Fact]
    public async Task Client_errors_do_not_trip_the_breaker()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1");
        h.Fake.On("POST", "/v1/models/*", Json(422, """{"detail":"- input.aspect_ratio: must be one of ...","status":422}"""));
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(ProviderErrorKind.InvalidInput, (await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default))).Kind);
        }

        Assert.True(h.Router.IsAvailable(Flux));
    }

    [Fact]
    public async Task A_provider_without_a_key_fails_fast_as_unavailable()
    {
        await using var h = await ProviderHarness.StartAsync(ProviderName.Replicate, "/v1", s => s["Providers:Replicate:ApiKey"] = "");
        Assert.False(h.Router.IsAvailable(Flux));
        Assert.Equal(ProviderErrorKind.Unavailable, (await Collect.FailureAsync(() => h.Router.GenerateAsync(new ImageRequest(Flux, "x"), default))).Kind);
        Assert.Empty(h.Fake.Requests);
    }

    [Theory]
    [InlineData("data: a\n\n", "a")]
    [InlineData("data: a\r\n\r\n", "a")]
    [InlineData(": ping\n\ndata: a\ndata: b\n\n", "a\nb")]
    [InlineData("event: x\r\ndata:{\"k\":1}\r\n\r\n", "{\"k\":1}")]
    [InlineData("data: last-without-blank-line", "last-without-blank-line")]
    public async Task Sse_reader_handles_line_endings_comments_and_multiline_data(string wire, string expected)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(wire));
        var events = new List<SseEvent>();
        await foreach (var e in SseReader.ReadAsync(stream))
        {
            events.Add(e);
        }

        Assert.Equal(expected, Assert.Single(events).Data);
    }

    [Fact]
    public void Retry_after_dates_and_gemini_durations_are_read()
    {
        var clock = new ManualClock();
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", clock.GetUtcNow().AddSeconds(30).ToString("R"));
        Assert.Equal(TimeSpan.FromSeconds(30), Providers.Resilience.RetryAfter.From(response.Headers, clock));
        Assert.Equal(TimeSpan.FromSeconds(1.5), Providers.Resilience.RetryAfter.FromDuration("1.5s"));
    }
}
