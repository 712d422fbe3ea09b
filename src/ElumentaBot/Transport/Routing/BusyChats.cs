namespace ElumentaBot.Transport;

/// <summary>
/// Chats with work running here after their updates were handled (a chat answer streaming, questions waiting behind
/// it). With several instances the chat's claim is kept while it is busy, so the next question of that chat is run
/// here, behind the answer, and never on another instance beside it.
/// </summary>
public sealed class BusyChats
{
    private readonly Lock _sync = new();
    private readonly Dictionary<long, int> _holds = [];

    /// <summary>The chat's last hold was given up; the transport may release its claim.</summary>
    public event Action<long>? Idle;

    public IDisposable Hold(long chatKey)
    {
        lock (_sync)
        {
            _holds[chatKey] = _holds.GetValueOrDefault(chatKey) + 1;
        }

        return new Release(this, chatKey);
    }

    public bool IsBusy(long chatKey)
    {
        lock (_sync)
        {
            return _holds.ContainsKey(chatKey);
        }
    }

    private void Leave(long chatKey)
    {
        lock (_sync)
        {
            if (_holds[chatKey] > 1)
            {
                _holds[chatKey]--;
                return;
            }

            _holds.Remove(chatKey);
        }

        Idle?.Invoke(chatKey);
    }

    private sealed class Release(BusyChats owner, long chatKey) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                owner.Leave(chatKey);
            }
        }
    }
}
