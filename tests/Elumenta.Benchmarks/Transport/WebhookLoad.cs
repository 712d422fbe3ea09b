using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using ElumentaBot.Transport;

namespace Elumenta.Benchmarks.Transport;

/// <summary>What the load balancer saw: when each update was first posted, how long its 200 took, and the POSTs that had to be repeated.</summary>
internal sealed record PostLog(
    IReadOnlyDictionary<int, DateTimeOffset> FirstPostAt, IReadOnlyCollection<double> AcceptedMs, int Retries, IReadOnlyDictionary<string, int> Failures, int GaveUp);

/// <summary>
/// Telegram's side of webhook mode, played as a load balancer in front of the instances. Each chat has one sequential
/// sender (update k+1 of a chat is posted only after update k got its 200, as Telegram delivers a chat's updates one
/// after the other), and a global limit bounds the POSTs in flight; no barrier between a chat's rounds, so one slow
/// chat never holds the others up. The instance alternates per update of a chat ((chat + k) mod N): with two
/// instances consecutive updates of a chat always land on different ones, the case the chat claims exist for.
/// A POST that is not answered 200 is repeated on the next instance.
/// </summary>
internal sealed class WebhookLoad(IReadOnlyList<Uri> webhooks, string secret, int inFlight)
{
    private const int MaxAttempts = 50;
    private readonly ConcurrentDictionary<int, DateTimeOffset> _firstPostAt = new();
    private readonly ConcurrentBag<double> _acceptedMs = [];
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private int _retries;
    private int _gaveUp;

    /// <param name="chats">Per chat, its updates in order: (update id, JSON body).</param>
    public async Task<PostLog> RunAsync(IReadOnlyList<IReadOnlyList<(int Id, byte[] Body)>> chats)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = inFlight, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var limit = new SemaphoreSlim(inFlight);
        await Task.WhenAll(chats.Select((updates, chat) => Task.Run(() => SendChatAsync(http, limit, chat, updates))));
        return new PostLog(_firstPostAt, _acceptedMs, _retries, _failures, _gaveUp);
    }

    private async Task SendChatAsync(HttpClient http, SemaphoreSlim limit, int chat, IReadOnlyList<(int Id, byte[] Body)> updates)
    {
        for (var k = 0; k < updates.Count; k++)
        {
            var (id, body) = updates[k];
            var target = (chat + k) % webhooks.Count;
            for (var attempt = 1; ; attempt++)
            {
                if (await PostAsync(http, limit, webhooks[target], id, body) is not { } failure)
                {
                    break;
                }

                _failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
                if (attempt == MaxAttempts)
                {
                    Interlocked.Increment(ref _gaveUp);
                    break;
                }

                Interlocked.Increment(ref _retries);
                target = (target + 1) % webhooks.Count;
                await Task.Delay(20);
            }
        }
    }

    /// <summary>Null on 200, else what went wrong (status code or exception type).</summary>
    private async Task<string?> PostAsync(HttpClient http, SemaphoreSlim limit, Uri webhook, int id, byte[] body)
    {
        await limit.WaitAsync();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookReceiver.SecretHeader, secret);
            var started = DateTimeOffset.UtcNow;
            _firstPostAt.TryAdd(id, started);
            using var response = await http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            _acceptedMs.Add((DateTimeOffset.UtcNow - started).TotalMilliseconds);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.GetType().Name;
        }
        finally
        {
            limit.Release();
        }
    }
}
