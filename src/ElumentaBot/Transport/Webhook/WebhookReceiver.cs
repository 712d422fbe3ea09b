using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Transport;

/// <summary>
/// <c>POST {Telegram:Webhook:Path}</c>: the secret header is checked in constant time (401 without reading the
/// body), the body is read up to a cap (413), parsed as one update (400), stored in the durable inbox exactly as a
/// polled update is (a redelivered update_id is ignored), and only then answered 200 and dispatched. A store that
/// fails answers 500, so Telegram delivers the update again.
/// </summary>
public sealed class WebhookReceiver
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private static readonly TimeSpan RejectionLogEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan OpenWait = TimeSpan.FromSeconds(10);

    private readonly UpdateInbox _inbox;
    private readonly UpdateDispatcher _dispatcher;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookReceiver> _logger;
    private readonly byte[] _secret;
    private readonly int _maxBodyBytes;
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _rejectionSync = new();
    private long _lastRejectionLog;
    private int _rejectedSinceLog;

    public WebhookReceiver(UpdateInbox inbox, UpdateDispatcher dispatcher, IOptions<TelegramOptions> options, TimeProvider time, ILogger<WebhookReceiver> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inbox = inbox;
        _dispatcher = dispatcher;
        _time = time;
        _logger = logger;
        _secret = Encoding.UTF8.GetBytes(options.Value.Webhook.SecretToken);
        _maxBodyBytes = options.Value.Webhook.MaxBodyBytes;
        BotJson.Configure();
    }

    /// <summary>Called once the previous run's pending updates are dispatched; requests before that wait for it.</summary>
    public void Open() => _open.TrySetResult();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var response = context.Response;
        if (!HasSecret(request))
        {
            LogRejected(context);
            response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (request.ContentLength > _maxBodyBytes)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (Parse(body.Value) is not { } update)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        try
        {
            await _open.Task.WaitAsync(OpenWait, _time, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        List<InboxItem> fresh;
        try
        {
            fresh = await _inbox.StoreAsync([update], context.RequestAborted, advanceOffset: false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            _logger.LogError("Storing webhook update {UpdateId} failed, answering 500 so Telegram redelivers it: {Error}", update.Update.Id, ex.Describe());
            response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        // Committed: from here the inbox owns the update. Handling runs on the dispatcher, not in this request.
        fresh.ForEach(_dispatcher.Enqueue);
        if (fresh.Count == 0)
        {
            _logger.LogInformation("Ignored redelivered update {UpdateId}", update.Update.Id);
        }

        response.StatusCode = StatusCodes.Status200OK;
    }

    private bool HasSecret(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(SecretHeader, out var values) || values.Count != 1 || values[0] is not { Length: > 0 } given)
        {
            return false;
        }

        var maxBytes = Encoding.UTF8.GetMaxByteCount(given.Length);
        var buffer = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        var length = Encoding.UTF8.GetBytes(given, buffer);
        return CryptographicOperations.FixedTimeEquals(buffer[..length], _secret);
    }

    /// <summary>The body, or null when it is longer than the cap (the rest is not read).</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            if (result.Buffer.Length > _maxBodyBytes)
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var bytes = result.Buffer.ToArray();
                reader.AdvanceTo(result.Buffer.End);
                return bytes;
            }

            reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        }
    }

    private static RawUpdate? Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("update_id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt32(out _))
            {
                return null;
            }

            return RawUpdate.Parse(root);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void LogRejected(HttpContext context)
    {
        int count;
        lock (_rejectionSync)
        {
            _rejectedSinceLog++;
            if (_lastRejectionLog != 0 && _time.GetElapsedTime(_lastRejectionLog) < RejectionLogEvery)
            {
                return;
            }

            _lastRejectionLog = _time.GetTimestamp();
            count = _rejectedSinceLog;
            _rejectedSinceLog = 0;
        }

        // Never the header's value: a near-miss secret must not end up in a log either.
        _logger.LogWarning("Rejected {Count} webhook requests with a missing or wrong {Header} in the last minute (latest from {Remote})",
            count, SecretHeader, context.Connection.RemoteIpAddress);
    }
}
