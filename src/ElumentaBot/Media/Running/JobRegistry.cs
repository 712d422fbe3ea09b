using System.Collections.Concurrent;
using Elumenta.Core.Catalog;

namespace ElumentaBot.Media.Running;

/// <summary>A media job this process started: where its status message is and how to stop its progress loop.</summary>
public sealed class RunningJob(long generationId, MediaUser user, Model model, int? statusMessageId, string statusText, long startedAt) : IDisposable
{
    public long GenerationId { get; } = generationId;
    public MediaUser User { get; } = user;
    public Model Model { get; } = model;
    public int? StatusMessageId { get; } = statusMessageId;
    public string StatusText { get; set; } = statusText;
    public long StartedAt { get; } = startedAt;
    public CancellationTokenSource Stop { get; } = new();

    public void Dispose() => Stop.Dispose();
}

/// <summary>Jobs running in this process; after a restart it is empty and delivery works from the store alone.</summary>
public sealed class JobRegistry
{
    private readonly ConcurrentDictionary<long, RunningJob> _jobs = new();

    public void Add(RunningJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        _jobs[job.GenerationId] = job;
    }

    /// <summary>Takes the job out and stops its progress loop; null when another caller already finished it.</summary>
    public RunningJob? Finish(long generationId)
    {
        if (!_jobs.TryRemove(generationId, out var job))
        {
            return null;
        }

        job.Stop.Cancel();
        return job;
    }
}
