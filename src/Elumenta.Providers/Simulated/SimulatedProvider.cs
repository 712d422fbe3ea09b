using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Simulated;

/// <summary>
/// Every capability, deterministic from the request: the sandbox mode and chat tests run on it. Models marked
/// async answer with a job that the first poll completes, so the job path is exercised too.
/// </summary>
public sealed class SimulatedProvider(TimeProvider clock) : IChatModel, IImageModel, IVideoModel, IMusicModel,
    ITextToSpeech, ISpeechToText, IAudioTool, IImageTool, IJobTracker
{
    private const string JobPrefix = "sim-";

    public async IAsyncEnumerable<ChatDelta> StreamAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = request.Turns.Count > 0 ? request.Turns[^1].Text : "";
        var seed = Seed(prompt);
        var answer = $"**{request.Model.Name}** (simulated) heard you:\n\n> {Shorten(prompt, 200)}\n\n"
            + $"- turns in context: {request.Turns.Count.ToString(CultureInfo.InvariantCulture)}\n"
            + $"- images attached: {request.Turns.Sum(t => t.Images?.Count ?? 0).ToString(CultureInfo.InvariantCulture)}\n"
            + $"- seed: `{seed:x8}`\n";
        foreach (var piece in Chunks(answer, 24))
        {
            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatDelta(piece);
        }

        yield return new ChatDelta(FinishReason: "stop", Usage: new ChatUsage(prompt.Length / 4, answer.Length / 4));
    }

    public Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct) =>
        Answer(request.Model, request.Prompt);

    public Task<ProviderOutcome> GenerateAsync(VideoRequest request, CancellationToken ct) =>
        Answer(request.Model, request.Prompt);

    public Task<ProviderOutcome> ComposeAsync(MusicRequest request, CancellationToken ct) =>
        Answer(request.Model, request.Prompt);

    public Task<ProviderOutcome> SpeakAsync(SpeechRequest request, CancellationToken ct) =>
        Answer(request.Model, request.Text);

    public Task<ProviderOutcome> TranscribeAsync(TranscriptionRequest request, CancellationToken ct) =>
        Answer(request.Model, (request.Audio.Bytes?.Length ?? 0).ToString(CultureInfo.InvariantCulture));

    public Task<ProviderOutcome> RunAsync(AudioToolRequest request, CancellationToken ct) =>
        Answer(request.Model, request.Text ?? string.Join('\n', request.Lines?.Select(l => l.Text) ?? []));

    public Task<ProviderOutcome> RunAsync(ImageToolRequest request, CancellationToken ct) =>
        Answer(request.Model, request.Prompt ?? request.Model.Slug);

    public Task<JobSnapshot> GetAsync(Model model, string providerJobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(providerJobId);
        if (!providerJobId.StartsWith(JobPrefix, StringComparison.Ordinal)
            || !uint.TryParse(providerJobId.AsSpan(JobPrefix.Length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var seed))
        {
            throw new ProviderException(ProviderErrorKind.Unavailable, model.Provider, "Simulated job not found.", 404);
        }

        return Task.FromResult(new JobSnapshot(JobPhase.Succeeded, "succeeded", 100, Produce(model, seed, model.Slug)));
    }

    public Task<bool> CancelAsync(Model model, string providerJobId, CancellationToken ct) => Task.FromResult(true);

    private Task<ProviderOutcome> Answer(Model model, string input)
    {
        var seed = Seed(model.Slug + "\n" + input);
        ProviderOutcome outcome = model.IsAsync
            ? new ProviderOutcome.Pending(JobPrefix + seed.ToString("x8", CultureInfo.InvariantCulture))
            : new ProviderOutcome.Done(Produce(model, seed, input));
        return Task.FromResult(outcome);
    }

    private MediaResult Produce(Model model, uint seed, string input) => model.Category switch
    {
        ModelCategory.Image or ModelCategory.ImageTool when model.Slug.Contains("ocr", StringComparison.OrdinalIgnoreCase) =>
            MediaResult.FromText($"SIMULATED OCR {seed:x8}"),
        ModelCategory.Image or ModelCategory.ImageTool => MediaResult.FromBytes(Png.Gradient(64, 64, seed), "image/png"),
        ModelCategory.Video => MediaResult.FromBytes(SimulatedMedia.Mp4(seed), "video/mp4"),
        ModelCategory.Stt => MediaResult.FromText($"Simulated transcript of {input} bytes ({clock.GetUtcNow():yyyy-MM-dd})."),
        ModelCategory.Text => MediaResult.FromText(Shorten(input, 100)),
        _ => MediaResult.FromBytes(SimulatedMedia.Tone(1.0, 220 + (seed % 440)), "audio/wav"),
    };

    /// <summary>FNV-1a: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    internal static uint Seed(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }
}
