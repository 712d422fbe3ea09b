using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.MidJourney;

/// <summary>
/// Midjourney through LegNext (hand-written; there is no official API): imagine, upscale, variation, video and its extension are jobs polled at
/// <c>GET /v1/job/{id}</c>. Options become Midjourney prompt flags.
/// </summary>
public sealed class LegNextAdapter(ProviderHttp http) : IProviderAdapter, IImageModel, IVideoModel, IJobTracker
{
    public ProviderName Provider => ProviderName.MidJourney;

    public Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.Opt("action") is "upscale" or "variation")
        {
            return FollowUpAsync(request, ct);
        }

        var text = new StringBuilder(request.Prompt.Trim());
        if (request.Options.Opt("aspect_ratio") is { } ar)
        {
            text.Append(" --ar ").Append(ar);
        }

        if (request.Options.Opt("speed") is "relax" or "fast" or "turbo")
        {
            text.Append(" --").Append(request.Options.Opt("speed"));
        }

        return CreateAsync("v1/diffusion", new JsonObject { ["text"] = text.ToString() }, ct);
    }

    /// <summary>
    /// Upscale or vary one image of an earlier grid: <c>parent_job</c> is the grid's job id, <c>image_index</c> 1–4
    /// (U1–U4 / V1–V4). Speed is a property of the grid's run, so it only prices the follow-up.
    /// </summary>
    private Task<ProviderOutcome> FollowUpAsync(ImageRequest request, CancellationToken ct)
    {
        var action = request.Options.Opt("action")!;
        var parent = request.Options.Opt("parent_job") is { Length: > 0 } job
            ? job
            : throw new ProviderException(ProviderErrorKind.InvalidInput, Provider, $"Midjourney {action} needs the grid it works on.", code: "missing_parent_job");
        var index = int.TryParse(request.Options.Opt("image_index"), System.Globalization.CultureInfo.InvariantCulture, out var i) && i is >= 1 and <= 4
            ? i - 1
            : throw new ProviderException(ProviderErrorKind.InvalidInput, Provider, "Choose image 1, 2, 3 or 4 of the grid.", code: "bad_image_index");
        var body = new JsonObject { ["jobId"] = parent, ["imageNo"] = index, ["type"] = 0 };
        if (action == "variation" && !string.IsNullOrWhiteSpace(request.Prompt))
        {
            body["remixPrompt"] = request.Prompt.Trim();
        }

        return CreateAsync(action == "upscale" ? "v1/upscale" : "v1/variation", body, ct);
    }

    public async Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var extend = request.Options.Opt("duration") is "10";
        var prompt = new StringBuilder();
        if (request.StartFrame?.Url is { } image)
        {
            prompt.Append(image).Append(' ');
        }

        prompt.Append(request.Prompt.Trim());
        if (request.Options.Opt("motion") is "low" or "high")
        {
            prompt.Append(" --motion ").Append(request.Options.Opt("motion"));
        }

        var body = new JsonObject { ["prompt"] = prompt.ToString(), ["videoType"] = request.Options.Opt("resolution") == "720p" ? 1 : 0 };
        var created = await CreateAsync("v1/video-diffusion", body, ct);
        // A 10 s video is the 5 s one extended once; the extension is submitted when the first job completes.
        return extend && created is ProviderOutcome.Pending pending ? new ProviderOutcome.Pending(pending.ProviderJobId + ExtendSuffix) : created;
    }

    private const string ExtendSuffix = "+extend";

    private async Task<JobSnapshot> ExtendWhenDoneAsync(Model model, string firstJobId, CancellationToken ct)
    {
        var first = await GetAsync(model, firstJobId, ct);
        if (first.Phase != JobPhase.Succeeded)
        {
            return first with { Progress = first.Progress / 2 };
        }

        var extension = await CreateAsync("v1/extend-video", new JsonObject { ["jobId"] = firstJobId, ["videoNo"] = 0 }, ct);
        return new JobSnapshot(JobPhase.Running, "extending", 50, NextJobId: ((ProviderOutcome.Pending)extension).ProviderJobId);
    }

    public async Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(providerJobId);
        if (providerJobId.EndsWith(ExtendSuffix, StringComparison.Ordinal))
        {
            return await ExtendWhenDoneAsync(model, providerJobId[..^ExtendSuffix.Length], ct);
        }

        using var message = Keyed(new HttpRequestMessage(HttpMethod.Get, $"v1/job/{Uri.EscapeDataString(providerJobId)}"));
        using var doc = await http.SendJsonAsync(message, CallKind.Poll, ct);
        var job = doc.RootElement;
        var status = job.Str("status") ?? throw ErrorMapper.Malformed(Provider, "job (no status)");
        return status switch
        {
            "completed" => new JobSnapshot(JobPhase.Succeeded, status, 100, Output(job, model)),
            "failed" => new JobSnapshot(JobPhase.Failed, status, Error: Failure(job)),
            "pending" or "staged" => new JobSnapshot(JobPhase.Queued, status, 0),
            _ => new JobSnapshot(JobPhase.Running, status),
        };
    }

    public Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct) => Task.FromResult(false);

    private MediaResult Output(JsonElement job, Model model)
    {
        var output = job.Obj("output") ?? throw ErrorMapper.Malformed(Provider, "job (no output)");
        var urls = new List<string>();
        foreach (var name in new[] { "video_urls", "image_urls" })
        {
            if (output.Obj(name) is { ValueKind: JsonValueKind.Array } list)
            {
                urls.AddRange(list.EnumerateArray().Where(u => u.ValueKind == JsonValueKind.String).Select(u => u.GetString()!).Where(u => u.Length > 0));
            }
        }

        foreach (var name in new[] { "video_url", "image_url" })
        {
            if (urls.Count == 0 && output.Str(name) is { Length: > 0 } single)
            {
                urls.Add(single);
            }
        }

        return urls.Count > 0
            ? new MediaResult(urls.Select(u => new MediaItem(MediaTypes.Guess(u, model.Category), Url: new Uri(u))).ToList())
            : throw ErrorMapper.Malformed(Provider, "job output (no urls)");
    }

    private ProviderException Failure(JsonElement job)
    {
        var error = job.Obj("error");
        var message = error?.Str("message") is { Length: > 0 } m ? m : error?.Str("raw_message");
        return new ProviderException(
            ErrorClassifier.LooksLikePolicy(message) || message?.Contains("banned", StringComparison.OrdinalIgnoreCase) == true
                ? ProviderErrorKind.ContentPolicy : ProviderErrorKind.Unavailable,
            Provider, ErrorClassifier.Scrub(message, null) ?? "The Midjourney job failed.");
    }

    private async Task<ProviderOutcome> CreateAsync(string path, JsonObject body, CancellationToken ct)
    {
        using var message = Keyed(ProviderHttp.Json(HttpMethod.Post, path, body));
        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        var root = doc.RootElement;
        // Some deployments wrap the job in {"code":200,"data":{…}}.
        var job = root.Obj("data") is { ValueKind: JsonValueKind.Object } data ? data : root;
        return job.Str("job_id") is { Length: > 0 } id
            ? new ProviderOutcome.Pending(id)
            : throw ErrorMapper.Malformed(Provider, "job (no job_id)");
    }

    private HttpRequestMessage Keyed(HttpRequestMessage message)
    {
        message.Headers.Add("x-api-key", http.RequireKey());
        return message;
    }
}
