using System.Text;
using System.Text.Json;
using Elumenta.Core.Accounts;
using Elumenta.Core.Generations;
using Elumenta.Providers;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Generate;

/// <summary>
/// api.md §4: an admitted text generation streamed as <c>data: {json}</c> events, then <c>data: [DONE]</c>. A client
/// that disconnects cancels the upstream call and the generation is settled canceled (released, never charged).
/// </summary>
public sealed partial class StreamAnswers(
    ModelRouter router, GenerationStore generations, GenerationRunner runner, AccountService accounts,
    IOptions<JsonOptions> json, IHostApplicationLifetime lifetime, ILogger<StreamAnswers> logger)
{
    public async Task StreamAsync(HttpContext http, long id, GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(plan);
        var aborted = http.RequestAborted;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping);
        var text = new StringBuilder();
        var meta = new TextMetadata();
        try
        {
            Begin(http.Response);
            await SendAsync(http, new { type = "generation_start", id, model = plan.Model.Slug }, cts.Token);
            await foreach (var delta in router.StreamAsync(plan.Chat!, cts.Token))
            {
                meta.Add(delta);
                if (delta.Text is { Length: > 0 } piece)
                {
                    text.Append(piece);
                    await SendAsync(http, new { type = "content_delta", delta = piece }, cts.Token);
                }
            }
        }
        catch (Exception e) when (aborted.IsCancellationRequested && e is OperationCanceledException or IOException or ProviderException)
        {
            await runner.FailAsync(id, "canceled", "The client disconnected from the stream.", canceled: true);
            LogDisconnected(logger, id);
            return;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await EndWithErrorAsync(http, id, "unavailable", "The API stopped while the answer was streaming; no tokens were charged.");
            return;
        }
        catch (ProviderException e)
        {
            LogFailed(logger, e, id);
            await EndWithErrorAsync(http, id, e.KindName, $"The provider failed ({e.KindName}); no tokens were charged.");
            return;
        }
        catch (Exception e)
        {
            LogFailed(logger, e, id);
            await EndWithErrorAsync(http, id, "unavailable", "The provider failed; no tokens were charged.");
            return;
        }

        if (string.IsNullOrWhiteSpace(text.ToString()))
        {
            await EndWithErrorAsync(http, id, "empty", "The model returned nothing; no tokens were charged.");
            return;
        }

        await generations.CompleteAsync(id, new GenerationResult { Text = text.ToString(), Metadata = meta.ToJson() }, CancellationToken.None);
        try
        {
            await EndAsync(http, id);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Every delta reached the client before it left; the answer stands (and was charged).
            LogDisconnected(logger, id);
        }
    }

    /// <summary>A repeat (same Idempotency-Key) of a stream that already ended: the whole answer as one delta.</summary>
    public async Task ReplayAsync(HttpContext http, Generation g)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(g);
        Begin(http.Response);
        await SendAsync(http, new { type = "generation_start", id = g.Id, model = g.ModelSlug }, http.RequestAborted);
        if (g.Status == GenerationStatus.Completed)
        {
            await SendAsync(http, new { type = "content_delta", delta = g.ResultText ?? "" }, http.RequestAborted);
            await EndAsync(http, g.Id);
            return;
        }

        await SendAsync(http, new { type = "error", message = GenerationAnswer.ClientError(g) }, http.RequestAborted);
        await DoneAsync(http, http.RequestAborted);
    }

    private static void Begin(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    private async Task EndAsync(HttpContext http, long id)
    {
        var g = await generations.GetAsync(id, CancellationToken.None);
        var account = await accounts.FindAsync(g!.AccountId, CancellationToken.None);
        await SendAsync(http, new { type = "generation_end", id, tokens_spent = g.TokensSpent, balance_remaining = account?.Balance ?? 0 }, http.RequestAborted);
        await DoneAsync(http, http.RequestAborted);
    }

    private async Task EndWithErrorAsync(HttpContext http, long id, string kind, string message)
    {
        await runner.FailAsync(id, kind, message, canceled: false);
        try
        {
            await SendAsync(http, new { type = "error", message }, http.RequestAborted);
            await DoneAsync(http, http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            LogDisconnected(logger, id);
        }
    }

    private Task SendAsync(HttpContext http, object payload, CancellationToken ct) =>
        WriteAsync(http, JsonSerializer.Serialize(payload, json.Value.SerializerOptions), ct);

    private static Task DoneAsync(HttpContext http, CancellationToken ct) => WriteAsync(http, "[DONE]", ct);

    private static async Task WriteAsync(HttpContext http, string data, CancellationToken ct)
    {
        await http.Response.WriteAsync($"data: {data}\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }

    [LoggerMessage(LogLevel.Information, "Stream of generation {GenerationId} ended by the client; released")]
    private static partial void LogDisconnected(ILogger logger, long generationId);

    [LoggerMessage(LogLevel.Warning, "Stream of generation {GenerationId} failed at the provider")]
    private static partial void LogFailed(ILogger logger, Exception exception, long generationId);
}
