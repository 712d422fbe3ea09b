using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Sandbox;

/// <summary>
/// A Bot API server on 127.0.0.1 with the real wire format: <c>/bot{token}/{method}</c> (JSON, form or
/// multipart) and <c>/file/bot{token}/{path}</c>. Feeds updates, records calls, injects faults.
/// </summary>
public sealed class FakeBotApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeBot> _bots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    private FakeBotApiServer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary><c>http://127.0.0.1:port</c>; use as <c>Telegram:ApiBaseUrl</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeBotApiServer> StartAsync(TimeProvider? time = null, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // Request paths carry the token: this server logs nothing.
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Limits.MaxRequestBodySize = 60L * 1024 * 1024;
        });
        var app = builder.Build();
        var server = new FakeBotApiServer(app, time ?? TimeProvider.System);
        app.Run(server.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address);
        return server;
    }

    /// <summary>The state of one bot token (created on first use).</summary>
    public FakeBot Bot(string token) => _bots.GetOrAdd(token, t => new FakeBot(t, _time));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path.StartsWith("/file/bot", StringComparison.Ordinal))
        {
            await ServeFileAsync(context, path["/file/bot".Length..]);
            return;
        }

        var slash = path.IndexOf('/', 1);
        if (!path.StartsWith("/bot", StringComparison.Ordinal) || slash < 0)
        {
            await WriteAsync(context, 404, new JsonObject { ["ok"] = false, ["error_code"] = 404, ["description"] = "Not Found" });
            return;
        }

        var bot = Bot(path[4..slash]);
        var method = path[(slash + 1)..];
        var (parameters, files) = await FakeRequestReader.ReadAsync(context.Request, context.RequestAborted);
        var (status, body) = await bot.InvokeAsync(method, parameters, files, context.RequestAborted);
        if (body is JsonObject json)
        {
            await WriteAsync(context, status, json);
        }
        else
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(body?.ToString() ?? "", context.RequestAborted);
        }
    }

    private async Task ServeFileAsync(HttpContext context, string rest)
    {
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var content = slash > 0 ? Bot(rest[..slash]).GetFileContent(rest[(slash + 1)..]) : null;
        if (content is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
