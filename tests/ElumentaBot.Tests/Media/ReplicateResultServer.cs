using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ElumentaBot.Tests.Media;

/// <summary>
/// Replicate on loopback (every prediction succeeds with <see cref="OutputUrl"/>) and the file server that URL points
/// at: <c>/files/{name}</c> answers HEAD and GET with <see cref="FileSize"/> bytes. The minimum of the providers'
/// fake server that media delivery needs.
/// </summary>
internal sealed class ReplicateResultServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _created;

    private ReplicateResultServer(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public string OutputUrl => Url + "/files/result.png";

    /// <summary>How many URLs the prediction's output lists (<c>result.png</c>, <c>result-2.png</c> …).</summary>
    public int Outputs { get; set; } = 1;

    public long FileSize { get; set; } = 100;

    /// <summary>The first this many predictions fail their safety check (then a Retry can succeed).</summary>
    public int FailFirst { get; set; }

    /// <summary>How many predictions were created (POST .../predictions).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>"METHOD /path" of every request, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ReplicateResultServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new ReplicateResultServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Bot settings that route Replicate models here (other providers stay unconfigured).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Providers:Mode"] = "Live",
        ["Providers:Replicate:BaseUrl"] = Url + "/v1",
        ["Providers:Replicate:ApiKey"] = "r8_test",
        ["Providers:Replicate:PollInterval"] = "00:00:00.050",
    };

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        Requests.Enqueue(ctx.Request.Method + " " + path);
        if (path.StartsWith("/files/", StringComparison.Ordinal))
        {
            ctx.Response.ContentType = "image/png";
            ctx.Response.ContentLength = FileSize;
            if (HttpMethods.IsGet(ctx.Request.Method))
            {
                await ctx.Response.Body.WriteAsync(new byte[FileSize]);
            }

            return;
        }

        int n;
        if (HttpMethods.IsPost(ctx.Request.Method) && path.EndsWith("/predictions", StringComparison.Ordinal))
        {
            n = Interlocked.Increment(ref _created);
            ctx.Response.StatusCode = 201;
        }
        else
        {
            var id = path.Split('/').SkipWhile(s => s != "predictions").Skip(1).FirstOrDefault() ?? "p1";
            n = int.TryParse(id.TrimStart('p'), out var parsed) ? parsed : 1;
        }

        ctx.Response.ContentType = "application/json";
        if (n <= FailFirst)
        {
            await ctx.Response.WriteAsync($$"""{"id":"p{{n}}","status":"failed","error":"NSFW content detected. Try running it again, or try a different prompt."}""");
            return;
        }

        var outputs = string.Join(',', Enumerable.Range(1, Outputs).Select(i => $"\"{(i == 1 ? OutputUrl : $"{Url}/files/result-{i}.png")}\""));
        await ctx.Response.WriteAsync($$"""{"id":"p{{n}}","status":"succeeded","output":[{{outputs}}],"logs":""}""");
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
