using System.Text;
using Elumenta.Providers;

namespace ElumentaBot.Chat.Streaming;

/// <summary>
/// Pumps a model's deltas into a live view: the newest text at most once per interval (frames that pile up while a
/// call is in flight are dropped, only the latest text is shown), a keep-alive while idle, and the part beyond one
/// message finalised as soon as it is complete so the live text never exceeds Telegram's limit.
/// </summary>
internal sealed class AnswerStream(ILiveView view, int chunkChars, TimeProvider time)
{
    private readonly Lock _sync = new();
    private readonly StringBuilder _answer = new();
    private int _committed;
    private string _carry = "";

    /// <summary>Streams the answer into the view and returns its full text; <paramref name="onFirstText"/> runs at the first token.</summary>
    public async Task<string> RunAsync(IAsyncEnumerable<ChatDelta> deltas, Action onFirstText, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task? presenter = null;
        try
        {
            await foreach (var delta in deltas.WithCancellation(ct))
            {
                if (string.IsNullOrEmpty(delta.Text))
                {
                    continue;
                }

                lock (_sync)
                {
                    _answer.Append(delta.Text);
                }

                if (presenter is null)
                {
                    onFirstText();
                    presenter = PresentAsync(stop.Token, ct);
                }

                if (presenter.IsFaulted)
                {
                    await presenter;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            if (presenter is not null)
            {
                await Quietly(presenter, ct);
            }
        }

        lock (_sync)
        {
            return _answer.ToString();
        }
    }

    /// <summary>Sends what has not been finalised yet as the last formatted part.</summary>
    public Task FinishAsync(CancellationToken ct) => view.CommitAsync(Pending(), ct);

    private async Task PresentAsync(CancellationToken stop, CancellationToken ct)
    {
        var shown = "";
        var shownAt = time.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            await CommitOverflowAsync(ct);
            if (stop.IsCancellationRequested)
            {
                return;
            }

            var pending = Pending();
            var stale = view.KeepAlive is { } keepAlive && time.GetElapsedTime(shownAt) >= keepAlive;
            if (pending.Length > 0 && (pending != shown || stale))
            {
                await view.ShowAsync(pending, ct);
                shown = pending;
                shownAt = time.GetTimestamp();
            }

            try
            {
                await Task.Delay(view.Interval, time, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task CommitOverflowAsync(CancellationToken ct)
    {
        for (var pending = Pending(); pending.Length > chunkChars; pending = Pending())
        {
            string carry;
            lock (_sync)
            {
                carry = _carry;
            }

            var (head, consumed, next) = MarkdownCutter.Cut(pending, chunkChars, carry.Length);
            await view.CommitAsync(head, ct);
            lock (_sync)
            {
                _committed += consumed - carry.Length;
                _carry = next;
            }
        }
    }

    private string Pending()
    {
        lock (_sync)
        {
            return _carry + _answer.ToString(_committed, _answer.Length - _committed);
        }
    }

    // The presenter's own failure surfaces through the stream; after the stream ended only a cancellation is expected.
    private static async Task Quietly(Task presenter, CancellationToken ct)
    {
        try
        {
            await presenter;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
