using System.ClientModel;
using System.ClientModel.Primitives;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;
using global::OpenAI;

namespace Elumenta.Providers.OpenAI;

/// <summary>
/// Builds SDK clients over our own HttpClient (so the resilience handler and the fake servers see every call)
/// with the SDK's own retries off: a retried create is a second paid request.
/// </summary>
public sealed class OpenAISdk(ProviderHttp http, IHttpClientFactory factory)
{
    public const string StreamClientSuffix = ".Stream";

    public ProviderHttp Http => http;

    public OpenAIClient Client(bool streaming = false)
    {
        var key = http.RequireKey();
        var httpClient = factory.CreateClient(ProviderHttp.ClientName(ProviderName.OpenAI) + (streaming ? StreamClientSuffix : ""));
        var options = new OpenAIClientOptions
        {
            Endpoint = http.Options.BaseUri,
            Transport = new HttpClientPipelineTransport(httpClient),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromMinutes(30),
        };
        return new OpenAIClient(new ApiKeyCredential(key), options);
    }

    /// <summary>The SDK's failure, mapped like every other provider's.</summary>
    public ProviderException Map(ClientResultException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var raw = e.GetRawResponse();
        if (raw is null)
        {
            return new ProviderException(ProviderErrorKind.Unavailable, ProviderName.OpenAI, "OpenAI could not be reached.", inner: e);
        }

        string body;
        try
        {
            body = raw.Content.ToString();
        }
        catch (InvalidOperationException)
        {
            body = "";
        }

        var hint = RetryAfter.From(name => raw.Headers.TryGetValue(name, out var v) ? v : null, http.Clock);
        return http.Error(raw.Status, body, hint);
    }
}
