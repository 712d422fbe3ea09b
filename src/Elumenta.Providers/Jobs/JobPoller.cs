using System.Collections.Concurrent;
using Elumenta.Core.Catalog;
using Elumenta.Core.Coordination;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Elumenta.Providers.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Jobs;

/// <summary>
/// Follows every unfinished async generation from the store (so a restart resumes them all), records state and
/// progress, enforces the category timeouts and settles each exactly once: success captures, anything else releases.
/// With coordination on, each job is polled by one instance at a time: the holder of its poll lease.
/// </summary>
public sealed partial class JobPoller(
    GenerationStore generations,
    ModelCatalog catalog,
    ModelRouter router,
    ResultFiles results,
    IEnumerable<IJobListener> listeners,
    IOptionsMonitor<ProviderOptions> providerOptions,
    IOptions<JobsOptions> options,
    TimeProvider clock,
    ILogger<JobPoller> logger,
    Coordinator? coordinator = null,
    PollLeases? pollLeases = null) : BackgroundService
{
    private readonly bool _coordinated = coordinator is { Enabled: true } && pollLeases is not null;

    private readonly ConcurrentDictionary<long, Schedule> _schedule = new();
    private readonly long _startedAt = clock.NowMs();
    private readonly IReadOnlyList<IJobListener> _listeners = listeners.ToList();

    private sealed record Schedule(long DueAt, int Failures, int? Progress, string? State);

    /// <summary>Records the provider job of an admitted generation; the poller follows it from the next tick.</summary>
    public async Task TrackAsync(long generationId, string providerJobId, CancellationToken ct)
    {
        await generations.SetProviderJobAsync(generationId, providerJobId, ct);
        _schedule[generationId] = new Schedule(0, 0, null, null);
    }

    /// <summary>The user's cancel: stop it upstream where the provider can, then release. False if already settled.</summary>
    public async Task<bool> CancelAsync(long generationId, CancellationToken ct)
    {
        var generation = await generations.GetAsync(generationId, ct);
        if (generation is null || generation.IsSettled)
        {
            return false;
        }

        if (catalog.FindModel(generation.ModelSlug) is { } model && generation.ProviderJobId is { } jobId)
        {
            await TryCancelUpstreamAsync(model, jobId, ct);
        }

        return await FailAsync(generation, model: catalog.FindModel(generation.ModelSlug), "canceled", "Canceled by the user.", canceled: true, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Job poll pass failed");
            }

            try
            {
                await Task.Delay(options.Value.Tick, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_coordinated)
        {
            try
            {
                await pollLeases!.ReleaseAllAsync(coordinator!.Me.Id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogReleaseFailed(logger, e);
            }
        }
    }

    /// <summary>One pass over the open jobs: those due are polled, those past their timeout are failed.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct)
    {
        var open = _coordinated
            ? await pollLeases!.ClaimAsync(options.Value.Source, coordinator!.Me.Id, coordinator.Lease, coordinator.AliveSinceMs(), ct)
            : await generations.ListOpenAsync(asyncOnly: true, options.Value.Source, ct);
        foreach (var gone in _schedule.Keys.Except(open.Select(g => g.Id)).ToList())
        {
            _schedule.TryRemove(gone, out _);
        }

        var settled = 0;
        await Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelPolls, CancellationToken = ct }, async (generation, token) =>
        {
            if (await VisitAsync(generation, token))
            {
                Interlocked.Increment(ref settled);
            }
        });
        return settled;
    }

    private async Task<bool> VisitAsync(Generation generation, CancellationToken ct)
    {
        var model = catalog.FindModel(generation.ModelSlug);
        if (model is null)
        {
            return await FailAsync(generation, null, "unavailable", $"Model {generation.ModelSlug} is no longer offered.", false, ct);
        }

        var now = clock.NowMs();
        var startedAt = generation.StartedAt ?? generation.CreatedAt;
        if (now - startedAt > (long)options.Value.TimeoutFor(model.Category).TotalMilliseconds)
        {
            if (generation.ProviderJobId is { } stuck)
            {
                await TryCancelUpstreamAsync(model, stuck, ct);
            }

            return await FailAsync(generation, model, "timeout", $"No result within {options.Value.TimeoutFor(model.Category).TotalMinutes:0} minutes.", false, ct);
        }

        if (generation.ProviderJobId is not { } jobId)
        {
            // Never handed to a provider by an admitter that is gone: it can no longer finish. One instance: the admitter
            // is a previous run. Several: the claim returns such a job only once its admitting instance is dead.
            var orphaned = _coordinated ? generation.InstanceId != coordinator!.Me.Id : generation.CreatedAt < _startedAt;
            return orphaned
                && await FailAsync(generation, model, "unavailable", "The job was interrupted before it reached the provider.", false, ct);
        }

        var schedule = _schedule.GetOrAdd(generation.Id, _ => new Schedule(0, 0, generation.Progress, generation.ProviderState));
        if (now < schedule.DueAt)
        {
            return false;
        }

        var interval = providerOptions.Get(model.Provider.ToString()).PollInterval;
        JobSnapshot snapshot;
        try
        {
            snapshot = await router.Tracker(model).GetAsync(model, jobId, ct);
        }
        catch (ProviderException e) when (e.HttpStatus == 404)
        {
            return await FailAsync(generation, model, "unavailable", "The provider no longer has this job.", false, ct);
        }
        catch (ProviderException e)
        {
            var failures = schedule.Failures + 1;
            var backoff = TimeSpan.FromTicks(Math.Min(options.Value.MaxBackoff.Ticks, interval.Ticks * (1L << Math.Min(failures, 10))));
            LogPollFailed(logger, e, generation.Id, model.Provider, failures);
            _schedule[generation.Id] = schedule with { DueAt = now + (long)backoff.TotalMilliseconds, Failures = failures };
            return false;
        }

        switch (snapshot.Phase)
        {
            case JobPhase.Succeeded:
                return await CompleteAsync(generation, model, snapshot.Result!, ct);
            case JobPhase.Failed:
                var error = snapshot.Error ?? new ProviderException(ProviderErrorKind.Unavailable, model.Provider, "The job failed.");
                return await FailAsync(generation, model, error.KindName, error.Message, false, ct);
            case JobPhase.Canceled:
                return await FailAsync(generation, model, "canceled", "The provider canceled the job.", true, ct);
        }

        if (snapshot.NextJobId is { } next)
        {
            await generations.SetProviderJobAsync(generation.Id, next, ct);
        }

        if (snapshot.Progress != schedule.Progress || snapshot.ProviderState != schedule.State)
        {
            await generations.UpdateProgressAsync(generation.Id, snapshot.Progress, snapshot.ProviderState, ct);
        }

        _schedule[generation.Id] = new Schedule(now + (long)interval.TotalMilliseconds, 0, snapshot.Progress ?? schedule.Progress, snapshot.ProviderState);
        return false;
    }

    private async Task<bool> CompleteAsync(Generation generation, Model model, MediaResult result, CancellationToken ct)
    {
        GenerationResult row;
        try
        {
            row = await results.ToGenerationResultAsync(generation.Id, model, result, ct);
        }
        catch (ProviderException e)
        {
            return await FailAsync(generation, model, e.KindName, e.Message, false, ct);
        }

        if (!await generations.CompleteAsync(generation.Id, row, ct))
        {
            return false;
        }

        LogSettled(logger, generation.Id, model.Slug, "completed");
        await NotifyAsync(new JobSettled(generation.Id, model, true, false, result, null, null), ct);
        return true;
    }

    private async Task<bool> FailAsync(Generation generation, Model? model, string kind, string error, bool canceled, CancellationToken ct)
    {
        _schedule.TryRemove(generation.Id, out _);
        if (!await generations.FailAsync(generation.Id, kind, error, canceled, ct))
        {
            return false;
        }

        LogSettled(logger, generation.Id, generation.ModelSlug, canceled ? "canceled" : kind);
        if (model is not null)
        {
            await NotifyAsync(new JobSettled(generation.Id, model, false, canceled, null, kind, error), ct);
        }

        return true;
    }

    private async Task NotifyAsync(JobSettled settled, CancellationToken ct)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                await listener.OnSettledAsync(settled, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogListenerFailed(logger, e, settled.GenerationId);
            }
        }
    }

    private async Task TryCancelUpstreamAsync(Model model, string jobId, CancellationToken ct)
    {
        try
        {
            await router.Tracker(model).CancelAsync(model, jobId, ct);
        }
        catch (ProviderException e)
        {
            LogCancelFailed(logger, e, jobId, model.Provider);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Polling generation {GenerationId} at {Provider} failed ({Failures} in a row)")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, long generationId, ProviderName provider, int failures);

    [LoggerMessage(LogLevel.Information, "Generation {GenerationId} ({Model}) settled: {Outcome}")]
    private static partial void LogSettled(ILogger logger, long generationId, string model, string outcome);

    [LoggerMessage(LogLevel.Warning, "Releasing the poll leases at stop failed; they expire by themselves")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Warning, "Cancel of job {JobId} at {Provider} failed")]
    private static partial void LogCancelFailed(ILogger logger, Exception exception, string jobId, ProviderName provider);

    [LoggerMessage(LogLevel.Error, "Job listener failed for generation {GenerationId}")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, long generationId);
}
