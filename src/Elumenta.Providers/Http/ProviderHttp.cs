using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Configuration;
using Elumenta.Providers.Resilience;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Http;

/// <summary>One provider's named HttpClient plus its key, its error mapping and JSON helpers.</summary>
public sealed class ProviderHttp(ProviderName provider, IHttpClientFactory factory, IOptionsMonitor<ProviderOptions> options, TimeProvider clock)
{
    public ProviderName Provider => provider;

    public ProviderOptions Options => options.Get(provider.ToString());

    public TimeProvider Clock => clock;

    public static string ClientName(ProviderName provider) => "Elumenta.Providers." + provider;

    public HttpClient CreateClient() => factory.CreateClient(ClientName(provider));

    /// <summary>The key, or <see cref="ProviderErrorKind.Unavailable"/> before anything is sent.</summary>
    public string RequireKey() => Options.HasKey
        ? Options.ApiKey!.Trim()
        : throw new ProviderException(ProviderErrorKind.Unavailable, provider, $"{provider} has no API key configured.");

    public static HttpRequestMessage Json(HttpMethod method, string path, JsonNode body) =>
        new(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    /// <summary>Sends and returns a success response; an error status becomes a mapped <see cref="ProviderException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CallKind kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.As(kind);
        var response = await CreateClient().SendAsync(
            request, kind == CallKind.Stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, ct);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, ct);
        }
    }

    public async Task<ProviderException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            body = "";
        }

        return ErrorMapper.Map(provider, (int)response.StatusCode, RetryAfter.From(response.Headers, clock), body, Options.ApiKey);
    }

    /// <summary>An error that arrived inside a 200 stream, mapped as if it had come with <paramref name="status"/>.</summary>
    public ProviderException Error(int status, string body, TimeSpan? retryHint = null) =>
        ErrorMapper.Map(provider, status, retryHint, body, Options.ApiKey);

    public async Task<JsonDocument> SendJsonAsync(HttpRequestMessage request, CallKind kind, CancellationToken ct)
    {
        using var response = await SendAsync(request, kind, ct);
        return await ReadJsonAsync(response, ct);
    }

    public async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync(ct);
        return ParseJson(text);
    }

    public JsonDocument ParseJson(string text)
    {
        try
        {
            // DeepSeek pads a slow answer with blank lines before the JSON.
            return JsonDocument.Parse(text.Trim());
        }
        catch (JsonException e)
        {
            throw ErrorMapper.Malformed(provider, "response", e);
        }
    }

    public async Task<byte[]> SendBytesAsync(HttpRequestMessage request, CallKind kind, CancellationToken ct)
    {
        using var response = await SendAsync(request, kind, ct);
        return await response.Content.ReadAsByteArrayAsync(ct);
    }

    public async Task<(byte[] Bytes, string MimeType)> SendMediaAsync(HttpRequestMessage request, CallKind kind, string fallbackMime, CancellationToken ct)
    {
        using var response = await SendAsync(request, kind, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var mime = response.Content.Headers.ContentType?.MediaType;
        if (bytes.Length == 0 || mime is "application/json" or "text/html")
        {
            throw ErrorMapper.Malformed(provider, "audio/media body");
        }

        return (bytes, mime ?? fallbackMime);
    }
}
