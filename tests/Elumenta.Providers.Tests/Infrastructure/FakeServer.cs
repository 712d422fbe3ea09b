using System.Collections.Concurrent;
using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Elumenta.Providers.Tests.Infrastructure;

/// <summary>What the adapter sent.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    IReadOnlyDictionary<string, string> FormFields,
    IReadOnlyList<(string Name, string FileName, string ContentType, int Length)> Files)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// A provider on loopback: Kestrel on 127.0.0.1:0, every request recorded, responses scripted per
/// "METHOD /path" (queued: each call takes the next script, the last one repeats).
/// </summary>
public sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RequestDelegate>> _routes = new();
    private readonly ConcurrentDictionary<string, RequestDelegate> _last = new();

    private FakeServer(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<FakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetService(typeof(IServer)) is IServer s
            ? s.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("No server.");
        return server;
    }

    /// <summary>Queue a response for <paramref name="method"/> <paramref name="path"/> (a trailing <c>*</c> matches a prefix).</summary>
    public FakeServer On(string method, string path, RequestDelegate respond)
    {
        var key = method.ToUpperInvariant() + " " + path;
        _routes.GetOrAdd(key, _ => new ConcurrentQueue<RequestDelegate>()).Enqueue(respond);
        return this;
    }

    public IReadOnlyList<RecordedRequest> To(string method, string pathPrefix) =>
        Requests.Where(r => r.Method == method && r.Path.StartsWith(pathPrefix, StringComparison.Ordinal)).ToList();

    public RecordedRequest Single(string method, string pathPrefix) => Assert.Single(To(method, pathPrefix));

    private async Task HandleAsync(HttpContext ctx)
    {
        ctx.Request.EnableBuffering();
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer);
        ctx.Request.Body.Position = 0;
        var fields = new Dictionary<string, string>();
        var files = new List<(string, string, string, int)>();
        if (ctx.Request.HasFormContentType)
        {
            var form = await ctx.Request.ReadFormAsync();
            foreach (var field in form)
            {
                fields[field.Key] = field.Value.ToString();
            }

            files.AddRange(form.Files.Select(f => (f.Name, f.FileName, f.ContentType, (int)f.Length)));
        }

        Requests.Enqueue(new RecordedRequest(
            ctx.Request.Method,
            ctx.Request.Path.Value ?? "",
            ctx.Request.QueryString.Value ?? "",
            ctx.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            buffer.ToArray(),
            fields,
            files));

        var respond = Find(ctx.Request.Method, ctx.Request.Path.Value ?? "");
        if (respond is null)
        {
            ctx.Response.StatusCode = 599;
            await ctx.Response.WriteAsync($"no script for {ctx.Request.Method} {ctx.Request.Path}");
            return;
        }

        await respond(ctx);
    }

    private RequestDelegate? Find(string method, string path)
    {
        var key = method + " " + path;
        var match = _routes.Keys.FirstOrDefault(k => k == key)
            ?? _routes.Keys.Where(k => k.EndsWith('*') && key.StartsWith(k[..^1], StringComparison.Ordinal)).MaxBy(k => k.Length);
        if (match is null)
        {
            return null;
        }

        if (_routes[match].TryDequeue(out var next))
        {
            _last[match] = next;
            return next;
        }

        return _last.GetValueOrDefault(match);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
