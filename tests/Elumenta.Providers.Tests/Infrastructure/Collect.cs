namespace Elumenta.Providers.Tests.Infrastructure;

public static class Collect
{
    public static async Task<List<ChatDelta>> AllAsync(IAsyncEnumerable<ChatDelta> stream, CancellationToken ct = default)
    {
        var list = new List<ChatDelta>();
        await foreach (var delta in stream.WithCancellation(ct))
        {
            list.Add(delta);
        }

        return list;
    }

    public static string Text(IEnumerable<ChatDelta> deltas) => string.Concat(deltas.Select(d => d.Text));

    public static async Task<ProviderException> FailureAsync(Func<Task> action)
    {
        return await Assert.ThrowsAsync<ProviderException>(action);
    }

    public static Task<ProviderException> StreamFailureAsync(IAsyncEnumerable<ChatDelta> stream) =>
        FailureAsync(() => AllAsync(stream));
}
