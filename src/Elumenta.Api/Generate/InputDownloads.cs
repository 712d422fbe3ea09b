using Elumenta.Providers;

namespace Elumenta.Api.Generate;

/// <summary>
/// Fetches an input a provider only takes as an upload (ElevenLabs' voice changer and isolator) from the client's
/// <c>audio_url</c>, through a client that connects to public addresses only (<c>RemoteUrls.ConnectAsync</c>).
/// Runs after admission: a failed download fails the generation, which releases its tokens.
/// </summary>
public sealed class InputDownloads(IHttpClientFactory clients)
{
    public const string ClientName = "api-inputs";
    public const long MaxBytes = 25 * 1024 * 1024;

    public async Task<MediaInput> LoadAsync(Elumenta.Core.Catalog.Model model, MediaInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Url is not { } url)
        {
            return input;
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            if (response.Content.Headers.ContentLength > MaxBytes)
            {
                throw Failed(model, "is over 25 MB");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    throw Failed(model, "is over 25 MB");
                }
            }

            return MediaInput.FromBytes(buffer.ToArray(), input.MimeType, "audio" + Path.GetExtension(url.AbsolutePath));
        }
        catch (HttpRequestException)
        {
            throw Failed(model, "could not be downloaded");
        }
    }

    private static ProviderException Failed(Elumenta.Core.Catalog.Model model, string problem) =>
        new(ProviderErrorKind.InvalidInput, model.Provider, $"The file at audio_url {problem}.", code: "input_download_failed");
}
