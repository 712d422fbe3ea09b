using Elumenta.Core.Catalog;
using Elumenta.Providers;
using ElumentaBot.Media.Tools;

namespace ElumentaBot.Media.Running;

/// <summary>One draft to one provider request, through <see cref="ModelRouter"/> (which validates before calling).</summary>
public sealed class ProviderCalls(ModelRouter router, InputFiles inputs)
{
    public async Task<ProviderOutcome> CallAsync(Model model, MediaDraft draft, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(draft);
        var prompt = draft.Prompt ?? "";
        var options = draft.Options;
        var photo = draft.Photo is { } p ? await inputs.LoadAsync(p, ct) : null;
        switch (draft.Kind)
        {
            case MediaKind.Image:
                return await router.GenerateAsync(new ImageRequest(model, prompt, options, photo is null ? null : [photo]), ct);
            case MediaKind.Video:
                return await router.GenerateAsync(new VideoRequest(model, prompt, options, photo), ct);
            case MediaKind.Music:
                return await router.ComposeAsync(new MusicRequest(model, prompt, options), ct);
            case MediaKind.Speech:
                return await router.SpeakAsync(new SpeechRequest(model, prompt, options), ct);
            case MediaKind.SoundEffect or MediaKind.Dialogue:
                return await router.RunAsync(new AudioToolRequest(model, Text: prompt, Options: options), ct);
            case MediaKind.AudioTool:
                var audio = await inputs.LoadAsync(draft.Audio ?? throw new MediaInputException("No audio file."), ct);
                return await router.RunAsync(new AudioToolRequest(model, Audio: audio, Options: options), ct);
            default:
                var image = photo ?? throw new MediaInputException("No photo.");
                var second = draft.Second is { } s ? await inputs.LoadAsync(s, ct) : null;
                var mask = model.Slug == "inpaint" ? MediaInput.FromBytes(WhiteMask.Png(draft.Photo!.Width ?? 512, draft.Photo.Height ?? 512), "image/png", "mask.png") : null;
                return await router.RunAsync(new ImageToolRequest(model, image, second, mask, draft.Prompt, options), ct);
        }
    }
}
