using System.Runtime.CompilerServices;
using System.Text.Json;
using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Http;

/// <summary>Turns a broken stream (connection drop, junk JSON) into a <see cref="ProviderException"/>.</summary>
internal static class StreamGuard
{
    public static async IAsyncEnumerable<T> MapFailures<T>(IAsyncEnumerable<T> source, ProviderName provider, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var e = source.GetAsyncEnumerator(ct);
        while (true)
        {
            bool moved;
            try
            {
                moved = await e.MoveNextAsync();
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException)
            {
                throw new ProviderException(ProviderErrorKind.Unavailable, provider, $"{provider} dropped the stream.", inner: ex);
            }
            catch (JsonException ex)
            {
                throw ErrorMapper.Malformed(provider, "stream event", ex);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw new ProviderException(ProviderErrorKind.Timeout, provider, $"{provider} stream stalled.", inner: ex);
            }

            if (!moved)
            {
                yield break;
            }

            yield return e.Current;
        }
    }

    public static ProviderException EndedEarly(ProviderName provider) =>
        new(ProviderErrorKind.Unavailable, provider, $"{provider} closed the stream before the answer was finished.");

    public static ProviderException Refused(ProviderName provider, string? detail) =>
        new(ProviderErrorKind.ContentPolicy, provider, detail is { Length: > 0 } ? $"Refused by {provider} safety system: {detail}" : $"Refused by {provider} safety system.");
}
