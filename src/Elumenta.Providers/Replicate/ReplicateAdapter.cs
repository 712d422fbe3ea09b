using System.Globalization;
using System.Text.Json.Nodes;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using Elumenta.Providers.Resilience;

namespace Elumenta.Providers.Replicate;

/// <summary>
/// Hand-written Replicate predictions (no .NET SDK): official models by <c>owner/name</c>, community models by
/// their pinned version. Creates are never repeated; polls and cancels are.
/// </summary>
public sealed class ReplicateAdapter(ProviderHttp http) : IProviderAdapter, IImageModel, IVideoModel, IMusicModel, ITextToSpeech, IImageTool, IJobTracker
{
    public ProviderName Provider => ProviderName.Replicate;

    public Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateAsync(request.Model, ReplicateInputs.Build(request.Model.UpstreamId, request.Prompt, request.Options, request.Images ?? []), ct);
    }

    public Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var frames = request.StartFrame is null ? Array.Empty<MediaInput>() : [request.StartFrame];
        return CreateAsync(request.Model, ReplicateInputs.Build(request.Model.UpstreamId, request.Prompt, request.Options, frames), ct);
    }

    public Task<ProviderOutcome> ComposeAsync(MusicRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateAsync(request.Model, ReplicateInputs.Build(request.Model.UpstreamId, request.Prompt, request.Options, []), ct);
    }

    public Task<ProviderOutcome> SpeakAsync(SpeechRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateAsync(request.Model, ReplicateInputs.Build(request.Model.UpstreamId, request.Text, request.Options, []), ct);
    }

    public Task<ProviderOutcome> RunAsync(ImageToolRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var input = ReplicateInputs.Build(request.Model.UpstreamId, request.Prompt, request.Options, [request.Image], request.Second, request.Mask);
        return CreateAsync(request.Model, input, ct);
    }

    public async Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var message = Authorized(new HttpRequestMessage(HttpMethod.Get, $"predictions/{Uri.EscapeDataString(providerJobId)}"));
        using var doc = await http.SendJsonAsync(message, CallKind.Poll, ct);
        return ReplicatePrediction.Read(doc.RootElement, model);
    }

    public async Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct)
    {
        using var message = Authorized(new HttpRequestMessage(HttpMethod.Post, $"predictions/{Uri.EscapeDataString(providerJobId)}/cancel"));
        using var response = await http.SendAsync(message, CallKind.Cancel, ct);
        return true;
    }

    private async Task<ProviderOutcome> CreateAsync(Model model, JsonObject input, CancellationToken ct)
    {
        var versioned = !string.IsNullOrWhiteSpace(model.UpstreamVersion);
        var body = new JsonObject { ["input"] = input };
        if (versioned)
        {
            body["version"] = model.UpstreamVersion;
        }

        var path = versioned ? "predictions" : $"models/{model.UpstreamId}/predictions";
        using var message = Authorized(ProviderHttp.Json(HttpMethod.Post, path, body));
        if (int.TryParse(http.Options.Setting("WaitSeconds", "0"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var wait) && wait is > 0 and <= 60)
        {
            message.Headers.Add("Prefer", $"wait={wait}");
        }

        using var doc = await http.SendJsonAsync(message, CallKind.Create, ct);
        var id = doc.RootElement.Str("id") ?? throw ErrorMapper.Malformed(Provider, "prediction (no id)");
        var snapshot = ReplicatePrediction.Read(doc.RootElement, model);
        return snapshot.Phase switch
        {
            JobPhase.Succeeded => new ProviderOutcome.Done(snapshot.Result!),
            JobPhase.Failed => throw snapshot.Error!,
            _ => new ProviderOutcome.Pending(id),
        };
    }

    private HttpRequestMessage Authorized(HttpRequestMessage message)
    {
        message.Headers.Authorization = new("Bearer", http.RequireKey());
        return message;
    }
}
