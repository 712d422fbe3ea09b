using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Core.Storage;
using Elumenta.Providers;
using Elumenta.Providers.Jobs;
using ElumentaBot.Media.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Running;

/// <summary>
/// Runs an admitted media generation off the update's lane (so /cancel and other messages are not stuck behind
/// it): status message, provider call, then either settle and deliver (synchronous models) or hand the provider
/// job to <see cref="JobPoller"/>, whose settlement reaches <see cref="MediaJobListener"/>.
/// </summary>
public sealed partial class MediaRunner(
    ITelegramBotClient bot, ModelCatalog catalog, ProviderCalls calls, JobPoller poller, GenerationStore generations, ResultFiles results,
    JobRegistry registry, ProgressReporter progress, MediaDelivery delivery, IOptions<JobsOptions> jobs, TimeProvider clock,
    IHostApplicationLifetime lifetime, ILogger<MediaRunner> logger)
{
    public async Task StartAsync(MediaUser user, long generationId, MediaDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(draft);
        var model = catalog.FindModel(draft.Model)!;
        var status = progress.Initial(user.Language, model);
        int? statusId = null;
        try
        {
            statusId = (await bot.SendMessage(user.ChatId, status, cancellationToken: ct)).Id;
        }
        catch (RequestException e)
        {
            LogStatusFailed(logger, e, generationId);
        }

        var job = new RunningJob(generationId, user, model, statusId, status, clock.NowMs());
        registry.Add(job);
        _ = Task.Run(() => progress.RunAsync(job, lifetime.ApplicationStopping), CancellationToken.None);
        _ = Task.Run(() => ExecuteAsync(job, draft), CancellationToken.None);
    }

    private async Task ExecuteAsync(RunningJob job, MediaDraft draft)
    {
        var id = job.GenerationId;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(job.Stop.Token, lifetime.ApplicationStopping);
        timeout.CancelAfter(jobs.Value.TimeoutFor(job.Model.Category));
        var ct = timeout.Token;
        try
        {
            switch (await calls.CallAsync(job.Model, draft, ct))
            {
                case ProviderOutcome.Done done:
                    var row = await results.ToGenerationResultAsync(id, job.Model, done.Result, CancellationToken.None);
                    if (await generations.CompleteAsync(id, row, CancellationToken.None))
                    {
                        await delivery.DeliverAsync(id, CancellationToken.None);
                    }

                    break;
                case ProviderOutcome.Pending pending:
                    await poller.TrackAsync(id, pending.ProviderJobId, CancellationToken.None);
                    break;
            }
        }
        catch (ProviderException e)
        {
            await FailAsync(id, e.KindName, e.Message);
        }
        catch (MediaInputException e)
        {
            await FailAsync(id, "invalid_input", e.Message);
        }
        catch (OperationCanceledException) when (job.Stop.IsCancellationRequested)
        {
            // The user's /cancel settled it already (and told them).
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await FailAsync(id, "unavailable", "The bot stopped while the request was running.");
        }
        catch (OperationCanceledException)
        {
            await FailAsync(id, "timeout", $"No result within {jobs.Value.TimeoutFor(job.Model.Category).TotalMinutes:0} minutes.");
        }
        catch (Exception e)
        {
            LogRunFailed(logger, e, id);
            await FailAsync(id, "unavailable", "The request failed unexpectedly.");
        }
    }

    private async Task FailAsync(long id, string kind, string error)
    {
        try
        {
            if (await generations.FailAsync(id, kind, error, canceled: false, CancellationToken.None))
            {
                await delivery.FailedAsync(id, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRunFailed(logger, e, id);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Status message for generation {GenerationId} could not be sent")]
    private static partial void LogStatusFailed(ILogger logger, Exception exception, long generationId);

    [LoggerMessage(LogLevel.Error, "Media generation {GenerationId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, long generationId);
}
