using System.Text.Json;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Elumenta.Providers.Tests.Infrastructure;

/// <summary>Scripted responses in the providers' wire formats.</summary>
public static class Respond
{
    public static RequestDelegate Json(int status, string json, params (string Name, string Value)[] headers) => async ctx =>
    {
        ctx.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            ctx.Response.Headers[name] = value;
        }

        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(json);
    };

    public static RequestDelegate Json(int status, object body, params (string Name, string Value)[] headers) =>
        Json(status, JsonSerializer.Serialize(body), headers);

    public static RequestDelegate Raw(int status, string contentType, string text) => async ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        await ctx.Response.WriteAsync(text);
    };

    public static RequestDelegate Bytes(string contentType, byte[] bytes) => async ctx =>
    {
        ctx.Response.ContentType = contentType;
        await ctx.Response.Body.WriteAsync(bytes);
    };

    /// <summary>Writes <paramref name="frames"/> verbatim (each already framed, e.g. <c>"data: {...}\n\n"</c>), flushing each.</summary>
    public static RequestDelegate Sse(params string[] frames) => async ctx =>
    {
        ctx.Response.ContentType = "text/event-stream";
        foreach (var frame in frames)
        {
            await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame));
            await ctx.Response.Body.FlushAsync();
        }
    };

    /// <summary>Headers, some frames, then silence until the client gives up.</summary>
    public static RequestDelegate SseThenHang(params string[] frames) => async ctx =>
    {
        await Sse(frames)(ctx);
        await Hang()(ctx);
    };

    public static RequestDelegate Hang() => async ctx =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    };

    public static string Data(object json) => $"data: {JsonSerializer.Serialize(json)}\n\n";

    public static string Event(string name, object json) => $"event: {name}\ndata: {JsonSerializer.Serialize(json)}\n\n";
}
