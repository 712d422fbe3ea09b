using System.Text.Json;
using Elumenta.Api.Auth;
using Elumenta.Api.Errors;
using Elumenta.Core.Generations;
using Elumenta.Providers.Jobs;

namespace Elumenta.Api.Generate;

/// <summary>
/// <c>GET /api/v2/files/{id}/{index}</c>: a result this process saved as bytes (<see cref="ResultFiles"/>), for the
/// generation's owner only. The file is the one the generation row names, and only if it resolves inside the results
/// folder; nothing the client sends names a path. Anything else is 404.
/// </summary>
public static class ResultFileEndpoint
{
    public static async Task<IResult> GetAsync(HttpContext http, long id, int index, GenerationStore generations, ResultFiles results)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(generations);
        ArgumentNullException.ThrowIfNull(results);
        var g = await generations.GetAsync(id, http.RequestAborted);
        if (g is null || g.AccountId != http.Caller().AccountId || g.Status != GenerationStatus.Completed
            || Stored(g, index) is not { } stored || !Uri.TryCreate(stored, UriKind.Absolute, out var uri) || !uri.IsFile)
        {
            return NotFound();
        }

        var folder = Path.TrimEndingDirectorySeparator(results.Folder) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(uri.LocalPath);
        var info = new FileInfo(path);
        if (!path.StartsWith(folder, StringComparison.Ordinal) || !info.Exists || info.LinkTarget is not null)
        {
            return NotFound();
        }

        return TypedResults.PhysicalFile(path, ContentType(info.Extension), enableRangeProcessing: true);
    }

    private static string? Stored(Generation g, int index)
    {
        if (index < 0 || string.IsNullOrEmpty(g.ResultMetadata))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(g.ResultMetadata);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("urls", out var urls)
                && urls.ValueKind == JsonValueKind.Array && index < urls.GetArrayLength() && urls[index].ValueKind == JsonValueKind.String
                ? urls[index].GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ContentType(string extension) => extension.ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" => "image/jpeg",
        ".mp4" => "video/mp4",
        ".mp3" => "audio/mpeg",
        ".wav" => "audio/wav",
        _ => "application/octet-stream",
    };

    private static IResult NotFound() => ApiErrors.NotFound("No such file.");
}
