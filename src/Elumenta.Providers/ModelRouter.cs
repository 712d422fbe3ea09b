using System.Runtime.CompilerServices;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Configuration;
using Elumenta.Providers.Resilience;
using Elumenta.Providers.Simulated;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers;

/// <summary>Where a catalog model goes: which adapter, which upstream id, live or simulated.</summary>
public sealed record ProviderRoute(ProviderName Provider, string UpstreamId, string? UpstreamVersion, string Adapter, bool Simulated);

/// <summary>
/// The one entry point the bot and the API call: validates a request against the catalog (options, inputs,
/// availability) before any provider is called, then hands it to the model's provider adapter or the simulator.
/// </summary>
public sealed class ModelRouter(
    IEnumerable<IProviderAdapter> adapters,
    SimulatedProvider simulated,
    IOptionsMonitor<ProviderOptions> providerOptions,
    IOptions<ProvidersOptions> mode,
    ProviderPipelines pipelines,
    TimeProvider clock)
    : IChatModel, IImageModel, IVideoModel, IMusicModel, ITextToSpeech, ISpeechToText, IAudioTool, IImageTool
{
    private readonly IReadOnlyList<IProviderAdapter> _adapters = adapters.ToList();

    public bool IsSimulated(ProviderName provider) => mode.Value.AllSimulated || providerOptions.Get(provider.ToString()).Simulated;

    /// <summary>Listed as usable: simulated, or keyed and not refused by its circuit breaker right now.</summary>
    public bool IsAvailable(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return IsSimulated(model.Provider)
            || (providerOptions.Get(model.Provider.ToString()).HasKey && !pipelines.IsOpen(model.Provider) && FindAdapter(model) is not null);
    }

    public ProviderRoute Resolve(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        object adapter = IsSimulated(model.Provider) ? simulated : FindAdapter(model)
            ?? throw new ProviderException(ProviderErrorKind.Misconfigured, model.Provider, $"No {model.Provider} adapter serves {model.Category} ({model.Slug}).");
        return new ProviderRoute(model.Provider, model.UpstreamId, model.UpstreamVersion, adapter.GetType().Name, IsSimulated(model.Provider));
    }

    /// <summary>The tracker for a model's async jobs (the job poller's view).</summary>
    public IJobTracker Tracker(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return IsSimulated(model.Provider) ? simulated
            : (IJobTracker?)_adapters.OfType<IJobTracker>().FirstOrDefault(t => ((IProviderAdapter)t).Provider == model.Provider)
              ?? _adapters.OfType<IJobTracker>().FirstOrDefault(t => ((IProviderAdapter)t).Provider == model.Provider)
              ?? throw new ProviderException(ProviderErrorKind.Misconfigured, model.Provider, $"{model.Provider} has no job tracker.");
    }

    public IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestChecks.Check(request);
        var target = Target<IChatModel>(request.Model, request.Options);
        var idle = mode.Value.TextIdleTimeout;
        return IdleGuard(target.StreamAsync(request, ct), idle, request.Model.Provider, ct);
    }

    public Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestChecks.Check(request);
        return Target<IImageModel>(request.Model, request.Options).GenerateAsync(request, ct);
    }

    public Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestChecks.Check(request);
        return Target<IVideoModel>(request.Model, request.Options).GenerateAsync(request, ct);
    }

    public Task<ProviderOutcome> ComposeAsync(MusicRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestChecks.Prompt(request.Model, request.Prompt);
        return Target<IMusicModel>(request.Model, request.Options).ComposeAsync(request, ct);
    }

    public Task<ProviderOutcome> SpeakAsync(SpeechRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestChecks.Prompt(request.Model, request.Text);
        return Target<ITextToSpeech>(request.Model, request.Options).SpeakAsync(request, ct);
    }

    public Task<ProviderOutcome> TranscribeAsync(TranscriptionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Target<ISpeechToText>(request.Model, request.Options).TranscribeAsync(request, ct);
    }

    public Task<ProviderOutcome> RunAsync(AudioToolRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Target<IAudioTool>(request.Model, request.Options).RunAsync(request, ct);
    }

    public Task<ProviderOutcome> RunAsync(ImageToolRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Target<IImageTool>(request.Model, request.Options).RunAsync(request, ct);
    }

    /// <summary>Options are priced by the catalog first: one the model does not take never reaches a provider.</summary>
    public static void ValidateOptions(Model model, IReadOnlyDictionary<string, string>? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Pricing.Quote(model, options) is PriceQuote.Invalid invalid)
        {
            var allowed = invalid.Allowed.Count > 0 ? $" (allowed: {string.Join(", ", invalid.Allowed)})" : "";
            throw new ProviderException(ProviderErrorKind.InvalidInput, model.Provider,
                $"{model.Slug} does not take {invalid.Option}={invalid.Value}{allowed}.", code: "invalid_option");
        }
    }

    private T Target<T>(Model model, IReadOnlyDictionary<string, string>? options)
        where T : class
    {
        if (CategoryInterface(model.Category) != typeof(T))
        {
            throw new ProviderException(ProviderErrorKind.InvalidInput, model.Provider, $"{model.Slug} is a {model.Category} model.");
        }

        ValidateOptions(model, options);
        if (IsSimulated(model.Provider))
        {
            return (simulated as T)!;
        }

        if (!providerOptions.Get(model.Provider.ToString()).HasKey)
        {
            throw new ProviderException(ProviderErrorKind.Unavailable, model.Provider, $"{model.Provider} has no API key configured.");
        }

        return FindAdapter(model) as T
            ?? throw new ProviderException(ProviderErrorKind.Misconfigured, model.Provider, $"No {model.Provider} adapter serves {model.Slug}.");
    }

    private IProviderAdapter? FindAdapter(Model model)
    {
        var type = CategoryInterface(model.Category);
        return _adapters.FirstOrDefault(a => a.Provider == model.Provider && type.IsInstanceOfType(a));
    }

    internal static Type CategoryInterface(ModelCategory category) => category switch
    {
        ModelCategory.Text => typeof(IChatModel),
        ModelCategory.Image => typeof(IImageModel),
        ModelCategory.Video => typeof(IVideoModel),
        ModelCategory.Music => typeof(IMusicModel),
        ModelCategory.Tts => typeof(ITextToSpeech),
        ModelCategory.Stt => typeof(ISpeechToText),
        ModelCategory.AudioTool => typeof(IAudioTool),
        _ => typeof(IImageTool),
    };

    /// <summary>Text fails after <paramref name="idle"/> without a delta (product timeout: 120 s without progress).</summary>
    private async IAsyncEnumerable<ChatDelta> IdleGuard(IAsyncEnumerable<ChatDelta> source, TimeSpan idle, ProviderName provider, [EnumeratorCancellation] CancellationToken ct)
    {
        using var idleCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var timer = clock.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), idleCts, idle, Timeout.InfiniteTimeSpan);
        await using var e = source.WithCancellation(idleCts.Token).GetAsyncEnumerator();
        while (true)
        {
            bool moved;
            try
            {
                moved = await e.MoveNextAsync();
            }
            catch (Exception ex) when (idleCts.IsCancellationRequested && !ct.IsCancellationRequested
                                       && (ex is OperationCanceledException || ex is ProviderException { Kind: ProviderErrorKind.Timeout or ProviderErrorKind.Unavailable }))
            {
                throw new ProviderException(ProviderErrorKind.Timeout, provider, $"{provider} sent nothing for {idle.TotalSeconds:0} s.", inner: ex);
            }

            if (!moved)
            {
                yield break;
            }

            timer.Change(idle, Timeout.InfiniteTimeSpan);
            yield return e.Current;
        }
    }
}
