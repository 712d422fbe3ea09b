using System.Globalization;
using System.Text.Json;
using Elumenta.Core.Catalog;
using Elumenta.Core.Generations;
using Elumenta.Providers.Http;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Jobs;

/// <summary>
/// Turns a <see cref="MediaResult"/> into the generation row's result columns, saving bytes to disk. Every URL a
/// provider returned passes <see cref="RemoteUrls"/> first: one that may not be fetched fails the generation.
/// </summary>
public sealed class ResultFiles(IOptions<JobsOptions> options, RemoteUrls remote)
{
    /// <summary>The folder our own byte results are saved in: the only local files ever sent to a chat.</summary>
    public string Folder => Path.GetFullPath(options.Value.ResultsPath);

    /// <exception cref="ProviderException">A result URL is not one we fetch (local file, plain http, internal host).</exception>
    public async Task<GenerationResult> ToGenerationResultAsync(long generationId, Model model, MediaResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        var urls = new List<string>();
        for (var i = 0; i < result.Items.Count; i++)
        {
            var item = result.Items[i];
            if (item.Url is not null)
            {
                if (remote.Refusal(item.Url) is { } refusal)
                {
                    throw new ProviderException(ProviderErrorKind.Unavailable, model.Provider, $"{model.Provider} returned a result we do not fetch: {refusal}.", code: "untrusted_result_url");
                }

                urls.Add(item.Url.ToString());
            }
            else if (item.Bytes is not null)
            {
                urls.Add(await SaveAsync(generationId, i, item, ct));
            }
        }

        var metadata = JsonSerializer.Serialize(new
        {
            mime = result.First?.MimeType,
            urls,
        });
        return new GenerationResult { Text = result.Text, Url = urls.FirstOrDefault(), Metadata = metadata };
    }

    private async Task<string> SaveAsync(long generationId, int index, MediaItem item, CancellationToken ct)
    {
        var folder = Folder;
        Directory.CreateDirectory(folder);
        var extension = item.MimeType switch
        {
            "video/mp4" => ".mp4",
            "audio/mpeg" => ".mp3",
            "audio/wav" => ".wav",
            "image/png" => ".png",
            "image/jpeg" => ".jpg",
            _ => ".bin",
        };
        var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{generationId}-{index}{extension}"));
        await File.WriteAllBytesAsync(path, item.Bytes!, ct);
        return new Uri(path).ToString();
    }
}
