using Elumenta.Core.Catalog;
using ElumentaBot.Media.Confirmations;

namespace ElumentaBot.Media.Video;

/// <summary>
/// Video mode and <c>/video</c>. Without saved duration/resolution the request opens a setup card whose buttons show
/// the price of each choice; a photo becomes the start frame; Kling without a photo asks for one.
/// </summary>
public sealed class VideoRequests(ModelCatalog catalog, MediaFlow flow)
{
    /// <param name="transcriber">The STT model when the prompt came from a voice message (charged with the video).</param>
    public Task TextAsync(MediaUser user, string prompt, int replyTo, string? transcriber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var model = Selected(user);
        var draft = Draft(user, model, prompt, null, replyTo) with { Transcriber = transcriber };
        if (model.Has(ModelCapabilities.RequiresStartFrame))
        {
            draft = draft with { Awaiting = Awaiting.StartFrame };
        }

        return flow.ProposeAsync(user, draft, null, null, ct);
    }

    public Task PhotoAsync(MediaUser user, MediaFile photo, string caption, int replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var model = Selected(user);
        var draft = Draft(user, model, caption, photo, replyTo);
        if (!TakesTelegramPhoto(model))
        {
            draft = draft with { Awaiting = Awaiting.Switch };
        }

        return flow.ProposeAsync(user, draft, null, null, ct);
    }

    /// <summary>A start frame from Telegram reaches a provider as bytes; Luma only fetches public URLs.</summary>
    public static bool TakesTelegramPhoto(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return (model.Has(ModelCapabilities.StartFrame) || model.Has(ModelCapabilities.RequiresStartFrame)) && model.Provider != ProviderName.Luma;
    }

    public static MediaDraft Draft(MediaUser user, Model model, string? prompt, MediaFile? photo, int? replyTo)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(model);
        var chosen = user.Settings.VideoDuration is not null || user.Settings.VideoResolution is not null;
        return new MediaDraft
        {
            Kind = MediaKind.Video,
            Model = model.Slug,
            Prompt = prompt?.Trim(),
            Photo = photo,
            Options = OptionDefaults.For(model, user.Settings, MediaKind.Video),
            Awaiting = chosen ? Awaiting.None : Awaiting.VideoOptions,
            ReplyTo = replyTo,
        };
    }

    private Model Selected(MediaUser user) => catalog.FindModel(user.Settings.SelectedModel(ModelCategory.Video, catalog))!;
}
