using Microsoft.Extensions.Logging;

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

            lock (_sync)
            {
                cancel.Dispose();
                session.Cancel = null;
                done.TrySetResult(outcome);
                Ended(job);
                if (_stopping || !session.Waiting.TryDequeue(out var next))
                {
                    _sessions.Remove(chatId);
                    return;
                }

                session.Start(next, _shutdown.Token);
            }
        }
    }

    private sealed class Session
    {
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
