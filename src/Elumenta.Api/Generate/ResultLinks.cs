using System.Globalization;
using Elumenta.Core.Generations;

namespace Elumenta.Api.Generate;

/// <summary>
/// What an API client may fetch for a generation's result: a provider's https URL as stored, or, for a result we
/// saved ourselves (a <c>file:</c> URL under the results folder), our own <c>GET /api/v2/files/{id}/{index}</c>.
/// A server path never reaches a client.
/// </summary>
public static class ResultLinks
{
    public static string? PublicUrl(HttpRequest request, Generation generation, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(generation);
        return PublicUrl(request, generation.Id, generation.ResultUrl, index);
    }

    /// <summary>The public form of result <paramref name="index"/> of generation <paramref name="id"/>, stored as <paramref name="stored"/>.</summary>
    public static string? PublicUrl(HttpRequest request, long id, string? stored, int index)
    {
        ArgumentNullException.ThrowIfNull(request);
        return stored switch
        {
            null => null,
            var url when url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) => url,
            _ => string.Create(CultureInfo.InvariantCulture, $"{request.Scheme}://{request.Host}{request.PathBase}/api/v2/files/{id}/{index}"),
        };
    }
}
