using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Elumenta.Providers.Simulated;
using Elumenta.Providers;

namespace ElumentaBot.Tests.Chat;

/// <summary>
/// The chat provider as tests script it: each call takes the next queued script, or falls back to the simulator.
/// Every request is recorded (turns, images) so a test can see what reached the model.
/// </summary>
internal sealed class FakeChatModel(SimulatedProvider simulated) : IChatModel
{
    private readonly ConcurrentQueue<Func<ChatRequest, CancellationToken, IAsyncEnumerable<ChatDelta>>> _scripts = new();

    public ConcurrentQueue<ChatRequest> Requests { get; } = new();

    public void Then(Func<ChatRequest, CancellationToken, IAsyncEnumerable<ChatDelta>> script) => _scripts.Enqueue(script);

    /// <summary>The answer in pieces of <paramref name="piece"/> characters, <paramref name="delay"/> apart.</summary>
    public void ThenAnswer(string answer, int piece = 40, TimeSpan? delay = null) => Then((_, ct) => Pieces(answer, piece, delay ?? TimeSpan.Zero, ct));

    /// <summary>Streams a little, then fails as the provider would.</summary>
    public void ThenFail(ProviderException error, string before = "") => Then((_, ct) => Failing(before, error, ct));

    /// <summary>Streams a token every <paramref name="every"/> until cancelled.</summary>
    public void ThenEndless(TimeSpan every) => Then((_, ct) => Endless(every, ct));

    public IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        Requests.Enqueue(request);
        return _scripts.TryDequeue(out var script) ? script(request, ct) : simulated.StreamAsync(request, ct);
    }

    private static async IAsyncEnumerable<ChatDelta> Pieces(string answer, int piece, TimeSpan delay, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; i < answer.Length; i += piece)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ct);
            }
            else
            {
                await Task.Yield();
            }

            yield return new ChatDelta(answer.Substring(i, Math.Min(piece, answer.Length - i)));
        }
    }

    private static async IAsyncEnumerable<ChatDelta> Failing(string before, ProviderException error, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        if (before.Length > 0)
        {
            yield return new ChatDelta(before);
        }

        ct.ThrowIfCancellationRequested();
        throw error;
    }

    private static async IAsyncEnumerable<ChatDelta> Endless(TimeSpan every, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 0; ; i++)
        {
            await Task.Delay(every, ct);
            yield return new ChatDelta($"word{i} ");
        }
    }
}
