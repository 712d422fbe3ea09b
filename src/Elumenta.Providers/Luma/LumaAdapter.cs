using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.Luma;

/// <summary>
/// Hand-written Dream Machine API: photon images and ray videos are generations that go
/// <c>queued → dreaming → completed|failed</c>; <c>DELETE /generations/{id}</c> cancels.
/// </summary>
public sealed class LumaAdapter(ProviderHttp http) : IProviderAdapter, IImageModel, IVideoModel, IJobTracker
{
    public ProviderName Provider => ProviderName.Luma;

    public Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.Opt("resolution") is "1080p")
        {
            // Luma's image API takes no resolution: a 1080p price would buy the same picture as 720p.
            throw new ProviderException(ProviderErrorKind.InvalidInput, Provider, "Photon images come in one resolution; choose 720p.", code: "unsupported_resolution");
        }

        var body = new JsonObject { ["model"] = request.Model.UpstreamId, ["prompt"] = request.Prompt };
        Copy(request.Options, body, "aspect_ratio", "format");
        if (request.Images is { Count: > 0 } images)
        {
            body["image_ref"] = new JsonArray(images.Select(i => (JsonNode)new JsonObject { ["url"] = Url(i), ["weight"] = 0.85 }).ToArray());
        }

        return CreateAsync("generations/image", body, ct);
    }

    public Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new JsonObject { ["model"] = request.Model.UpstreamId, ["prompt"] = request.Prompt };
        Copy(request.Options, body, "aspect_ratio", "resolution");
        if (request.Options.Opt("duration") is { } duration)
        {
            body["duration"] = duration.EndsWith('s') ? duration : duration + "s";
        }

        if (request.Options.Opt("loop") is { } loop)
        {
            body["loop"] = JsonRead.Typed(loop);
        }

        if (request.StartFrame is { } frame)
        {
            body["keyframes"] = new JsonObject { ["frame0"] = new JsonObject { ["type"] = "image", ["url"] = Url(frame) } };
        }

        return CreateAsync("generations/video", body, ct);
    }

    public async Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var message = Authorized(new HttpRequestMessage(HttpMethod.Get, $"generations/{Uri.EscapeDataString(providerJobId)}"));
        using var doc = await http.SendJsonAsync(message, CallKind.Poll, ct);
        var g = doc.RootElement;
        var state = g.Str("state") ?? throw ErrorMapper.Malformed(Provider, "generation (no state)");
        switch (state)
        {
            case "queued":
                return new JobSnapshot(JobPhase.Queued, state, 0);
            case "completed":
                var assets = g.Obj("assets");
                var url = assets?.Str("video") ?? assets?.Str("image") ?? throw ErrorMapper.Malformed(Provider, "generation (no asset)");
                return new JobSnapshot(JobPhase.Succeeded, state, 100, new MediaResult([new MediaItem(MediaTypes.Guess(url, model.Category), Url: new Uri(url))]));
            case "failed":
                var reason = g.Str("failure_reason");
                return new JobSnapshot(JobPhase.Failed, state, Error: new ProviderException(
                    ErrorClassifier.LooksLikePolicy(reason) ? ProviderErrorKind.ContentPolicy : ProviderErrorKind.Unavailable,
                    Provider, ErrorClassifier.Scrub(reason, null) ?? "The generation failed."));
            default:
                return new JobSnapshot(JobPhase.Running, state);
        }
    }

    public async Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct)
    {
        using var message = Authorized(new HttpRequestMessage(HttpMethod.Delete, $"generations/{Uri.EscapeDataString(providerJobId)}"));
        using var response = await http.SendAsync(message, CallKind.Cancel, ct);
        return true;
    }

    private async Task<ProviderOutcome> CreateAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var message = Authorized(ProviderHttp.Json(HttpMethod.Post, path, body));
        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.Str("id") is { Length: > 0 } id
            ? new ProviderOutcome.Pending(id)
            : throw ErrorMapper.Malformed(Provider, "generation (no id)");
    }

    /// <summary>Luma fetches keyframes and references itself: it takes URLs, not uploads.</summary>
    private string Url(MediaInput input) => input.Url?.ToString()
        ?? throw new ProviderException(ProviderErrorKind.InvalidInput, Provider, "Luma needs the image as a URL it can fetch.", code: "url_required");

    private static void Copy(IReadOnlyDictionary<string, string>? options, JsonObject body, params string[] names)
    {
        foreach (var name in names)
        {
            if (options.Opt(name) is { } value)
            {
                body[name] = value;
            }
        }
    }

    private HttpRequestMessage Authorized(HttpRequestMessage message)
    {
        message.Headers.Authorization = new("Bearer", http.RequireKey());
        return message;
    }
}
