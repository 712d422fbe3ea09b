using Elumenta.Core.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace ElumentaBot.Transport;

/// <summary>
/// Runs inbox items: one chat's updates in update_id order, different chats concurrently, callback and
/// pre-checkout queries at once on a fast lane. Each update gets its own scope and error boundary.
/// </summary>
public sealed partial class UpdateDispatcher(
    IServiceScopeFactory scopes,
    UpdatePipeline pipeline,
    ITelegramBotClient bot,
    UpdateInbox inbox,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<UpdateDispatcher> logger,
    ElumentaMetrics? metrics = null,
    ChatClaims? claims = null,
    BusyChats? busy = null) : IDisposable
{
    private readonly InFlightUpdates? _inFlight = claims is { Enabled: true } ? new(time) : null;
    private readonly TelegramOptions _options = options.Value;
    private readonly Lock _sync = new();
    private readonly Dictionary<long, Queue<InboxItem>> _chats = [];
    private readonly HashSet<Task> _running = [];
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentUpdates);
    private readonly CancellationTokenSource _abort = new();
    private bool _stopping;

    /// <summary>Coordination on: only updates of chats this instance claimed run here (see <see cref="ChatClaims"/>).</summary>
    public bool ClaimsEnabled => _inFlight is not null;

    /// <summary>Runs <paramref name="item"/> here; with claims on, an update already queued or just handled here is skipped.</summary>
    public void Enqueue(InboxItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_sync)
        {
            if (_stopping)
            {
                return;
            }

            if (item.PendingBefore is { Count: > 0 } before && item.ChatKey is { } behind && _inFlight?.AllKnown(before) == false)
            {
                // Older rows of this chat were stored elsewhere and are not queued here yet: load the chat in order.
                Track(Task.Run(() => RunClaimedAsync(behind, claims!.LoadHeldAsync)));
                return;
            }

            if (_inFlight?.TryStart(item.UpdateId) == false)
            {
                return;
            }

            if (UpdateKinds.IsFastLane(item.Kind) || item.ChatKey is not { } key)
            {
                Track(Task.Run(() => HandleAsync(item, fastLane: true)));
                return;
            }

            if (_chats.TryGetValue(key, out var queue))
            {
                queue.Enqueue(item);
                return;
            }

            _chats[key] = new Queue<InboxItem>();
            Track(Task.Run(() => RunChatAsync(key, item)));
        }
    }

    /// <summary>Stops taking work, lets running updates finish until <paramref name="deadline"/>, then cancels them (they stay pending).</summary>
    public async Task StopAsync(TimeSpan deadline)
    {
        Task[] running;
        lock (_sync)
        {
            _stopping = true;
            running = [.. _running];
        }

        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(deadline, time)) != all)
        {
            logger.LogWarning("{Count} updates still running at the shutdown deadline; cancelling them, they stay pending", running.Count(t => !t.IsCompleted));
            await _abort.CancelAsync();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(2), time));
        }
    }

    private async Task RunChatAsync(long key, InboxItem first)
    {
        for (var item = first; item is not null;)
        {
            await HandleAsync(item, fastLane: false);
            lock (_sync)
            {
                var queue = _chats[key];
                if (_stopping || !queue.TryDequeue(out item))
                {
                    _chats.Remove(key);
                    item = null;
                    // A chat answer still running (or waiting) here keeps the claim; its end releases it (OnIdle).
                    if (!_stopping && claims is { Enabled: true } && busy?.IsBusy(key) != true)
                    {
                        Track(Task.Run(() => RunClaimedAsync(key, claims.ReleaseAsync)));
                    }
                }
            }
        }
    }

    /// <summary>Releases or loads a claimed chat and runs the pending rows returned (stored meanwhile by an instance that found the claim ours).</summary>
    private async Task RunClaimedAsync(long key, Func<long, CancellationToken, Task<List<InboxItem>>> load)
    {
        try
        {
            (await load(key, _abort.Token)).ForEach(Enqueue);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_abort.IsCancellationRequested)
        {
            logger.LogError(ex, "Releasing or loading the claimed chat {ChatKey} failed; the sweep picks its rows up", key);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A chat's detached work ended here: release its claim unless its updates are still queued (their drain releases it).</summary>
    internal void OnIdle(long key)
    {
        lock (_sync)
        {
            if (!_stopping && claims is { Enabled: true } && !_chats.ContainsKey(key))
            {
                Track(Task.Run(() => RunClaimedAsync(key, claims.ReleaseAsync)));
            }
        }
    }

    internal void ForgetFinishedBefore(TimeSpan age) => _inFlight?.ForgetFinishedBefore(age);

    private void Track(Task task)
    {
        _running.Add(task);
        task.ContinueWith(t => { lock (_sync) { _running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _slots.Dispose();
        _abort.Dispose();
    }
}
