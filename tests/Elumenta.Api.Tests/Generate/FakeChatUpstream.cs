using Elumenta.Core.Catalog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Elumenta.Api.Tests.Generate;

/// <summary>
/// An OpenAI-compatible chat endpoint on loopback (DeepSeek's wire format): it streams one chunk, then holds the
/// stream open until its caller goes away, and reports that it did. The API under test points DeepSeek at it.
/// </summary>
internal sealed class FakeChatUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeChatUpstream(WebApplication app)
    {
        _app = app;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public string BaseUrl { get; }

    /// <summary>When set, every call is refused with this status (an authentication error body).</summary>
    public int? FailWith { get; set; }

    /// <summary>Completes when the API hung up on the held-open stream.</summary>
    public TaskCompletionSource CallerLeft { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<FakeChatUpstream> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeChatUpstream? self = null;
        app.MapPost("/chat/completions", async (HttpContext http) =>
        {
            if (self!.FailWith is { } status)
            {
                http.Response.StatusCode = status;
                await http.Response.WriteAsJsonAsync(new { error = new { message = "Incorrect API key provided", type = "authentication_error", code = "invalid_api_key" } });
                return;
            }

            http.Response.ContentType = "text/event-stream";
            await http.Response.WriteAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The first words\"}}]}\n\n");
            await http.Response.Body.FlushAsync();
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                self!.CallerLeft.TrySetResult();
            }
        });
        await app.StartAsync();
        self = new FakeChatUpstream(app);
        return self;
    }

    /// <summary>The API's settings: live mode, DeepSeek at this fake, every other provider simulated.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Providers:Mode"] = "Live",
            ["Providers:DeepSeek:BaseUrl"] = BaseUrl,
            ["Providers:DeepSeek:ApiKey"] = "fake-upstream-key",
        };
        foreach (var provider in Enum.GetValues<ProviderName>().Where(p => p != ProviderName.DeepSeek))
        {
            settings[$"Providers:{provider}:Simulated"] = "true";
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
