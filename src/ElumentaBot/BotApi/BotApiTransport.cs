using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;

namespace ElumentaBot.BotApi;

/// <summary>
/// One HTTP round trip to the Bot API: JSON or multipart out, the envelope in, every failure as a
/// <see cref="BotApiException"/> whose text has the token redacted.
/// </summary>
public sealed class BotApiTransport
{
    private readonly HttpClient _http;
    private readonly string _methodRoot;
    private readonly string _fileRoot;

    public BotApiTransport(HttpClient http, IOptions<TelegramOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        var root = options.Value.ApiRoot.ToString().TrimEnd('/');
        _methodRoot = $"{root}/bot{options.Value.BotToken}/";
        _fileRoot = $"{root}/file/bot{options.Value.BotToken}/";
    }

    public async Task<TResult> PostAsync<TRequest, TResult>(
        string method, TRequest request, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResult> resultInfo,
        TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, _methodRoot + method)
            {
                Content = MultipartEncoder.NeedsMultipart(request)
                    ? MultipartEncoder.Encode(request, requestInfo)
                    : JsonContent(request, requestInfo),
            };
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cts.Token);
            var body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            return Read(method, (int)response.StatusCode, body, resultInfo);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BotApiException(method, 0, $"timed out after {timeout.TotalSeconds:0.#} s", transient: true);
        }
        catch (HttpRequestException ex)
        {
            throw Sanitize(method, ex);
        }
    }

    public async Task DownloadAsync(string filePath, Stream destination, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await _http.GetAsync(_fileRoot + filePath.TrimStart('/'), HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new BotApiException("file", (int)response.StatusCode, response.ReasonPhrase ?? "download failed");
            }

            await response.Content.CopyToAsync(destination, cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new BotApiException("file", 0, $"timed out after {timeout.TotalSeconds:0.#} s", transient: true);
        }
        catch (HttpRequestException ex)
        {
            throw Sanitize("file", ex);
        }
    }

    internal static TResult Read<TResult>(string method, int status, byte[] body, JsonTypeInfo<TResult> resultInfo)
    {
        ApiResponse? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, BotApiJson.Default.ApiResponse);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        // A proxy's HTML 502 page, or anything else that is not the envelope: try again later.
        if (envelope is null)
        {
            throw new BotApiException(method, status >= 400 ? status : 0, $"unreadable response (HTTP {status})", transient: true);
        }

        if (!envelope.Ok)
        {
            throw new BotApiException(method, envelope.ErrorCode ?? status, envelope.Description ?? "no description",
                envelope.Parameters?.RetryAfter, envelope.Parameters?.MigrateToChatId);
        }

        if (envelope.Result is not { } result)
        {
            throw new BotApiException(method, 0, "ok without a result", transient: true);
        }

        try
        {
            return result.Deserialize(resultInfo)!;
        }
        catch (JsonException ex)
        {
            throw new BotApiException(method, 0, $"unexpected result shape: {ex.Message}");
        }
    }

    private static ByteArrayContent JsonContent<TRequest>(TRequest request, JsonTypeInfo<TRequest> info)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(request, info));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    // HttpRequestException texts can carry the request URI; keep only redacted text and drop the inner chain.
    private static BotApiException Sanitize(string method, HttpRequestException ex)
    {
        var detail = ex.InnerException is { } inner ? $"{ex.Message} ({inner.GetType().Name}: {inner.Message})" : ex.Message;
        return new BotApiException(method, 0, $"{ex.GetType().Name}: {TokenRedactor.Redact(detail)}", transient: true);
    }
}
