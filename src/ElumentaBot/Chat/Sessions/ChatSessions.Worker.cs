using Microsoft.Extensions.Logging;
using ElumentaBot.Transport;

namespace ElumentaBot.Chat.Sessions;

public sealed partial class ChatSessions
{
    private async Task WorkAsync(long chatId, Session session)
    {
        // Interrupted answers are released before any new one is admitted, so recovery never touches a live one.
        await _recovered;
        while (true)
        {
            var (job, cancel, done) = (session.Job!, session.Cancel!, session.Done);
            var outcome = ChatOutcome.Failed;
            try
            {
                outcome = await runner.RunAsync(job, cancel.Token, _shutdown.Token);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Chat job in chat {ChatId} failed outside its error handling", chatId);
            }

            await SettleAsync(job);
            lock (_sync)
            {
                cancel.Dispose();
                session.Cancel = null;
                done.TrySetResult(outcome);
                Ended(job);
                if (!_stopping && session.Waiting.TryDequeue(out var next))
                {
                    session.Start(next, _shutdown.Token);
                    continue;
                }

                _sessions.Remove(chatId);
            }

            session.Hold.Dispose();
            return;
        }
    }

    /// <summary>
    /// A job that ended unadmitted (refused, failed before admission, cancelled while waiting) is its update's end;
    /// one stopped by shutdown before its admission leaves the update pending, to be asked again.
    /// </summary>
    private async Task SettleAsync(ChatJob job)
    {
        if (job.Completion is not { HasEnded: false } completion)
        {
            return;
        }

        if (_shutdown.IsCancellationRequested)
        {
            completion.Abandon();
            return;
        }

        try
        {
            await completion.DoneAsync();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Update {UpdateId} of chat {ChatId} ended but could not be marked done", job.UpdateId, job.ChatId);
        }
    }

    private sealed class Session(IDisposable hold)
    {
        /// <summary>Keeps the chat's claim on this instance while the session lives (see <see cref="BusyChats"/>).</summary>
        public IDisposable Hold { get; } = hold;

        public Queue<ChatJob> Waiting { get; } = new();

        public ChatJob? Job { get; private set; }

        public CancellationTokenSource? Cancel { get; set; }

        public TaskCompletionSource<ChatOutcome> Done { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Start(ChatJob job, CancellationToken shutdown)
        {
            Job = job;
            Cancel = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
            Done = new TaskCompletionSource<ChatOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
