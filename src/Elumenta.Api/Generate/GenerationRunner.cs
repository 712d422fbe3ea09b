using System.Text;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Api.Limits;
using Elumenta.Core.Generations;
using Elumenta.Providers;
using Elumenta.Providers.Jobs;
using Microsoft.Extensions.Options;

namespace Elumenta.Api.Generate;

/// <summary>
/// One API generation through the bot's core: availability → admission (Source = api, the bot's limits and prices,
/// the idempotency key in the same transaction) → the provider call → capture, release or a job for the poller.
/// A sync request runs to the end even if its client goes away (a retry with the same key then finds it).
/// </summary>
public sealed partial class GenerationRunner(
    Admission admission, GenerationStore generations, ModelRouter router, JobPoller poller, ResultFiles results,
    AdmissionAnswers refusals, IOptions<JobsOptions> jobs, IHostApplicationLifetime lifetime, ILogger<GenerationRunner> logger)
{
    /// <summary>
    /// The admitted generation's id; or the answer to send instead (a refusal, a key reused badly); or the generation
    /// an earlier request with the same key admitted.
    /// </summary>
    /// <param name="streamed">An SSE answer: its <c>generation_start</c> names the id before the generation settles.</param>
    public async Task<(long? Id, IResult? Answer, Generation? Repeat)> AdmitAsync(HttpContext http, ApiCaller caller, GenerationPlan plan, string? idempotencyKey, bool streamed = false)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(plan);
        if (!router.IsAvailable(plan.Model))
        {
            return (null, ApiErrors.ModelUnavailable(plan.Model.Slug), null);
        }

        // Not the request's token: once the admission commits, the generation must be run and settled here.
        var result = await admission.AdmitAsync(new AdmissionRequest(caller.AccountId, plan.Model.Slug)
        {
            Source = "api", Options = plan.Options, Prompt = plan.Prompt, IdempotencyKey = idempotencyKey,
            RequestHash = idempotencyKey is null ? null : plan.Hash,
            // A non-streamed text answer is told to its client only after its capture or release, a synced commit that
            // makes this one durable too. A stream names the generation at once, other categories answer 202 at once.
            SyncedCommit = plan.Chat is null || streamed,
        }, CancellationToken.None);
        http.Features.Set(new AdmittedLimits { Status = (result as AdmissionResult.Admitted)?.Limits });
        switch (result)
        {
            case AdmissionResult.Admitted admitted:
                return (admitted.GenerationId, null, null);
            case AdmissionResult.Repeated repeated:
                var (refusal, first) = await RepeatAsync(repeated);
                return (null, refusal, first);
            default:
                return (null, refusals.Refusal(http, result, plan), null);
        }
    }

    /// <summary>The same for the request that admitted it: a generation that failed no longer counts in the limit headers.</summary>
    public async Task<Generation> RunAsync(HttpContext http, long id, GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(http);
        var generation = await RunAsync(id, plan);
        if (generation.Status is GenerationStatus.Failed or GenerationStatus.Canceled && http.Features.Get<AdmittedLimits>() is { } limits)
        {
            limits.Status = null;
        }

        return generation;
    }

    /// <summary>Runs an admitted, non-streamed generation and returns its row as it then stands.</summary>
    public async Task<Generation> RunAsync(long id, GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        if (plan.Chat is null)
        {
            cts.CancelAfter(jobs.Value.TimeoutFor(plan.Model.Category));
        }

        Generation? completed = null;
        try
        {
            completed = plan.Chat is { } chat ? await AnswerTextAsync(id, chat, cts.Token) : await CallAsync(id, plan, cts.Token);
        }
        catch (ProviderException e)
        {
            LogFailed(logger, e, id, plan.Model.Slug);
            await FailAsync(id, e.KindName, e.Message, canceled: false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await FailAsync(id, "unavailable", "The API stopped while the request was running.", canceled: false);
        }
        catch (OperationCanceledException)
        {
            await FailAsync(id, "timeout", $"No result within {jobs.Value.TimeoutFor(plan.Model.Category).TotalMinutes:0} minutes.", canceled: false);
        }
        catch (Exception e)
        {
            LogFailed(logger, e, id, plan.Model.Slug);
            await FailAsync(id, "unavailable", "The request failed unexpectedly.", canceled: false);
        }

        // The capture answered the row as it left it; any other outcome is read back.
        return completed ?? (await generations.GetAsync(id, CancellationToken.None))!;
    }

    public async Task FailAsync(long id, string kind, string error, bool canceled)
    {
        if (await generations.FailAsync(id, kind, error, canceled, CancellationToken.None))
        {
            LogSettled(logger, id, canceled ? "canceled" : kind);
        }
    }

    /// <summary>
    /// The key was used before: another body is refused (422, nothing admitted); a sync request still running is a
    /// 409 (retry shortly); otherwise the generation as the first request answered it (async: its current state).
    /// </summary>
    private async Task<(IResult? Refusal, Generation? First)> RepeatAsync(AdmissionResult.Repeated repeated)
    {
        if (!repeated.SameRequest)
        {
            return (ApiErrors.Validation("Idempotency-Key", "was already used with a different request; send a new key for a new request"), null);
        }

        var g = repeated.GenerationId is { } id ? await generations.GetAsync(id, CancellationToken.None) : null;
        if (g is null || (g.Status == GenerationStatus.Pending && !g.IsAsync))
        {
            return (ApiErrors.Conflict("The request with this Idempotency-Key is still running; retry shortly for its answer.", new { generation_id = g?.Id }), null);
        }

        return (null, g);
    }

    private async Task<Generation?> CallAsync(long id, GenerationPlan plan, CancellationToken ct)
    {
        switch (await plan.Call!(router, ct))
        {
            case ProviderOutcome.Done done:
                var row = await results.ToGenerationResultAsync(id, plan.Model, done.Result, CancellationToken.None);
                return await generations.CompleteReturningAsync(id, row, CancellationToken.None);
            case ProviderOutcome.Pending pending:
                await poller.TrackAsync(id, pending.ProviderJobId, CancellationToken.None);
                return null;
            default:
                return null;
        }
    }

    private async Task<Generation?> AnswerTextAsync(long id, ChatRequest chat, CancellationToken ct)
    {
        var text = new StringBuilder();
        var meta = new TextMetadata();
        await foreach (var delta in router.StreamAsync(chat, ct))
        {
            text.Append(delta.Text);
            meta.Add(delta);
        }

        if (string.IsNullOrWhiteSpace(text.ToString()))
        {
            await FailAsync(id, "empty", "The model returned no text.", canceled: false);
            return null;
        }

        return await generations.CompleteReturningAsync(id, new GenerationResult { Text = text.ToString(), Metadata = meta.ToJson() }, CancellationToken.None);
    }

    [LoggerMessage(LogLevel.Warning, "API generation {GenerationId} ({Model}) failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long generationId, string model);

    [LoggerMessage(LogLevel.Information, "API generation {GenerationId} settled: {Outcome}")]
    private static partial void LogSettled(ILogger logger, long generationId, string outcome);
}
