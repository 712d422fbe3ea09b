using System.Globalization;
using System.Text.Json;
using Elumenta.Core.Generations;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Jobs;

/// <summary>Turns a <see cref="MediaResult"/> into the generation row's result columns, saving bytes to disk.</summary>
public sealed class ResultFiles(IOptions<JobsOptions> options)
{
    public async Task<GenerationResult> ToGenerationResultAsync(long generationId, MediaResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(result);
        var urls = new List<string>();
        for (var i = 0; i < result.Items.Count; i++)
        {
            var item = result.Items[i];
            if (item.Url is not null)
            {
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
        var folder = Path.GetFullPath(options.Value.ResultsPath);
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
