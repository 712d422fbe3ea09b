using Elumenta.Core.Generations;
using ElumentaBot.Transport;
using ElumentaBot.Chat.Running;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Chat.Sessions;

public enum EnqueueStatus { Started, Queued, Full }

/// <param name="Position">For <see cref="EnqueueStatus.Queued"/>: 1 = next after the running answer.</param>
/// <param name="Repeated">The update's job was already admitted: this is where it stands now, nothing new was queued.</param>
public sealed record EnqueueResult(EnqueueStatus Status, int Position = 0, bool Repeated = false);

public sealed record CancelResult(bool StoppedRunning, int ClearedWaiting);

/// <summary>
/// One generation per chat at a time, a few more waiting in order. Jobs run detached from the update that sent
/// them (the transport runs a chat's updates in order, so a stream inside a handler would block that chat's
/// <c>/cancel</c>). On start, interrupted answers are released first; on stop, running ones are cancelled and released.
/// </summary>
public sealed partial class ChatSessions(
    ChatRunner runner, ChatRecovery recovery, Orphans orphans, BusyChats busy, IOptions<ChatOptions> options, TimeProvider time, ILogger<ChatSessions> logger)
    : IHostedService, IDisposable
{
    private readonly ChatOptions _options = options.Value;
    private readonly Lock _sync = new();
    private readonly Dictionary<long, Session> _sessions = [];
    private readonly CancellationTokenSource _shutdown = new();
    private Task _recovered = Task.CompletedTask;
    private bool _stopping;

    public EnqueueResult Enqueue(ChatJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_sync)
        {
            if (_stopping)
            {
                return new EnqueueResult(EnqueueStatus.Full);
            }

            if (Repeat(job) is { } repeated)
            {
                return repeated;
            }

            if (_sessions.TryGetValue(job.ChatId, out var session))
            {
                if (session.Waiting.Count >= _options.MaxWaiting)
                {
                    return new EnqueueResult(EnqueueStatus.Full);
                }

                session.Waiting.Enqueue(job);
                Admit(job);
                job.Completion?.Defer();
                return new EnqueueResult(EnqueueStatus.Queued, session.Waiting.Count);
            }

            session = new Session(busy.Hold(job.ChatId));
            job.Completion?.Defer();
            session.Start(job, _shutdown.Token);
            _sessions[job.ChatId] = session;
            Admit(job);
            _ = Task.Run(() => WorkAsync(job.ChatId, session));
            return new EnqueueResult(EnqueueStatus.Started);
        }
    }

    /// <summary>Stops the running answer (released, not charged) and clears the waiting ones; returns once it has settled.</summary>
    public async Task<CancelResult> CancelAsync(long chatId, bool clearQueue = true)
    {
        CancellationTokenSource? cancel;
        Task<ChatOutcome>? done;
        int cleared;
        lock (_sync)
        {
            if (!_sessions.TryGetValue(chatId, out var session))
            {
                return new CancelResult(false, 0);
            }

            cleared = clearQueue ? session.Waiting.Count : 0;
            while (clearQueue && session.Waiting.TryDequeue(out var waiting))
            {
                Ended(waiting);
                _ = SettleAsync(waiting);
            }

            (cancel, done) = (session.Cancel, session.Done.Task);
        }

        try
        {
            await (cancel?.CancelAsync() ?? Task.CompletedTask);
        }
        catch (ObjectDisposedException)
        {
            // The job finished in the meantime.
        }

        var finished = await Task.WhenAny(done, Task.Delay(TimeSpan.FromSeconds(10), time)) == done;
        return new CancelResult(finished && done.Result == ChatOutcome.Canceled, cleared);
    }

    /// <summary>How many jobs the chat has, running and waiting (0 when idle).</summary>
    public int Count(long chatId)
    {
        lock (_sync)
        {
            return _sessions.TryGetValue(chatId, out var session) ? 1 + session.Waiting.Count : 0;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var recovering = Task.Run(async () =>
        {
            try
            {
                await orphans.RecoverAsync("recovery:chat", recovery.ReleaseInterruptedAsync, _shutdown.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Releasing interrupted chat answers failed");
            }
        }, CancellationToken.None);
        // Alone, new answers wait for the previous run's to be released first. With several instances the
        // release is a sweep that never ends and only touches dead instances' answers, so nothing waits for it.
        _recovered = orphans.Coordinated ? Task.CompletedTask : recovering;
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (_sync)
        {
            _stopping = true;
            running = [.. _sessions.Values.Select(s => (Task)s.Done.Task)];
            foreach (var session in _sessions.Values)
            {
                // Not admitted: their updates stay pending, and the next start (or another instance) asks them again.
                while (session.Waiting.TryDequeue(out var waiting))
                {
                    waiting.Completion?.Abandon();
                }
            }
        }

        await _shutdown.CancelAsync();
        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromMilliseconds(_options.ShutdownGraceMs), time, cancellationToken)) != all)
        {
            logger.LogWarning("{Count} chat answers were still settling at shutdown", running.Count(t => !t.IsCompleted));
        }
    }

    public void Dispose() => _shutdown.Dispose();
}
