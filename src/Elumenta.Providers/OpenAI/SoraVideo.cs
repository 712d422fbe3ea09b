using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.OpenAI;

/// <summary>
/// Hand-written <c>/videos</c> (sora-2): the SDK has no video client. The finished file is fetched from
/// <c>/videos/{id}/content</c> with our key, so the result is bytes rather than a public URL.
/// </summary>
public sealed class SoraVideo(ProviderHttp http) : IProviderAdapter, IVideoModel, IJobTracker
{
    public ProviderName Provider => ProviderName.OpenAI;

    public async Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject
        {
            ["model"] = request.Model.UpstreamId,
            ["prompt"] = request.Prompt,
            ["seconds"] = request.Options.Opt("duration") ?? "4",
            ["size"] = request.Options.Opt("aspect_ratio") switch
            {
                "16:9" => "1280x720",
                _ => "720x1280",
            },
        };
        if (request.StartFrame?.Url is { } frame)
        {
            body["input_reference"] = new JsonObject { ["image_url"] = frame.ToString() };
        }

        using var message = Authorized(ProviderHttp.Json(HttpMethod.Post, "videos", body));
        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        return doc.RootElement.Str("id") is { Length: > 0 } id
            ? new ProviderOutcome.Pending(id)
            : throw ErrorMapper.Malformed(Provider, "video (no id)");
    }

    public async Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        var id = Uri.EscapeDataString(providerJobId);
        using var message = Authorized(new HttpRequestMessage(HttpMethod.Get, $"videos/{id}"));
        using var doc = await http.SendJsonAsync(message, CallKind.Poll, ct);
        var video = doc.RootElement;
        var status = video.Str("status") ?? throw ErrorMapper.Malformed(Provider, "video (no status)");
        switch (status)
        {
            case "completed":
                using (var download = Authorized(new HttpRequestMessage(HttpMethod.Get, $"videos/{id}/content")))
                {
                    var (bytes, mime) = await http.SendMediaAsync(download, CallKind.Download, "video/mp4", ct);
                    return new JobSnapshot(JobPhase.Succeeded, status, 100, MediaResult.FromBytes(bytes, mime));
                }

            case "failed":
                var error = video.Obj("error");
                var text = $"{error?.Str("code")} {error?.Str("message")}".Trim();
                return new JobSnapshot(JobPhase.Failed, status, Error: new ProviderException(
                    ErrorClassifier.LooksLikePolicy(text) ? ProviderErrorKind.ContentPolicy : ProviderErrorKind.Unavailable,
                    Provider, ErrorClassifier.Scrub(error?.Str("message"), null) ?? "The video failed.", code: error?.Str("code")));
            case "queued":
                return new JobSnapshot(JobPhase.Queued, status, video.Int("progress") ?? 0);
            default:
                return new JobSnapshot(JobPhase.Running, status, video.Int("progress"));
        }
    }

    /// <summary>OpenAI documents no cancel for videos (DELETE removes a finished one).</summary>
    public Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct) => Task.FromResult(false);

    private HttpRequestMessage Authorized(HttpRequestMessage message)
    {
        message.Headers.Authorization = new("Bearer", http.RequireKey());
        return message;
    }
}
