using System.Text.Json;
using System.Text.RegularExpressions;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;

namespace Elumenta.Providers.Replicate;

/// <summary>Reads a Prediction object: status, output (URI, URI array or plain text), error and log progress.</summary>
internal static partial class ReplicatePrediction
{
    public static JobSnapshot Read(JsonElement p, Model model)
    {
        var status = p.Str("status") ?? throw ErrorMapper.Malformed(ProviderName.Replicate, "prediction (no status)");
        return status switch
        {
            "starting" => new JobSnapshot(JobPhase.Queued, status, 0),
            "processing" => new JobSnapshot(JobPhase.Running, status, Progress(p.Str("logs"))),
            "succeeded" => new JobSnapshot(JobPhase.Succeeded, status, 100, Output(p, model)),
            "failed" => new JobSnapshot(JobPhase.Failed, status, Error: Failure(p.Str("error"))),
            "canceled" or "aborted" => new JobSnapshot(JobPhase.Canceled, status),
            _ => new JobSnapshot(JobPhase.Running, status),
        };
    }

    private static ProviderException Failure(string? error) => new(
        ErrorClassifier.LooksLikePolicy(error) ? ProviderErrorKind.ContentPolicy : ProviderErrorKind.Unavailable,
        ProviderName.Replicate,
        ErrorClassifier.Scrub(error, null) ?? "The prediction failed.");

    private static MediaResult Output(JsonElement p, Model model)
    {
        if (!p.TryGetProperty("output", out var output))
        {
            throw ErrorMapper.Malformed(ProviderName.Replicate, "prediction (no output)");
        }

        var values = output.ValueKind switch
        {
            JsonValueKind.String => [output.GetString()!],
            JsonValueKind.Array => output.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            _ => new List<string>(),
        };
        if (values.Count == 0)
        {
            throw ErrorMapper.Malformed(ProviderName.Replicate, "prediction output");
        }

        var urls = values.Where(v => v.StartsWith("http", StringComparison.OrdinalIgnoreCase) && Uri.IsWellFormedUriString(v, UriKind.Absolute)).ToList();
        return urls.Count == 0
            ? MediaResult.FromText(string.Concat(values))
            : new MediaResult(urls.Select(u => new MediaItem(MediaTypes.Guess(u, model.Category), Url: new Uri(u))).ToList());
    }

    /// <summary>Replicate has no progress field; the logs' tqdm bars (<c> 45%|████</c>) are the best hint.</summary>
    private static int? Progress(string? logs)
    {
        if (string.IsNullOrEmpty(logs))
        {
            return null;
        }

        var matches = Percent().Matches(logs);
        return matches.Count > 0 && int.TryParse(matches[^1].Groups[1].Value, out var pct) ? Math.Clamp(pct, 0, 99) : null;
    }

    [GeneratedRegex(@"(\d{1,3})%\|")]
    private static partial Regex Percent();
}
