using Elumenta.Core.Catalog;
using ElumentaBot.Media.Confirmations;

namespace ElumentaBot.Media.Images;

/// <summary>Image mode and <c>/image</c>: a prompt for the selected model, or a photo with a caption to edit.</summary>
public sealed class ImageRequests(ModelCatalog catalog, MediaFlow flow)
{
    /// <param name="transcriber">The STT model when the prompt came from a voice message (charged with the image).</param>
    public Task TextAsync(MediaUser user, string prompt, int replyTo, string? transcriber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var model = catalog.FindModel(user.Settings.SelectedModel(ModelCategory.Image, catalog))!;
        return flow.ProposeAsync(user, Draft(user, model, prompt, null, replyTo) with { Transcriber = transcriber }, null, null, ct);
    }

    /// <summary>Models that take an input image edit it; with another model selected the user is offered a switch.</summary>
    public Task PhotoAsync(MediaUser user, MediaFile photo, string caption, int replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var model = catalog.FindModel(user.Settings.SelectedModel(ModelCategory.Image, catalog))!;
        var draft = Draft(user, model, caption, photo, replyTo);
        if (!model.Has(ModelCapabilities.ImageInput))
        {
            draft = draft with { Awaiting = Awaiting.Switch };
        }

        return flow.ProposeAsync(user, draft, null, null, ct);
    }

    public static MediaDraft Draft(MediaUser user, Model model, string? prompt, MediaFile? photo, int? replyTo)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(model);
        return new MediaDraft
        {
            Kind = MediaKind.Image,
            Model = model.Slug,
            Prompt = prompt?.Trim(),
            Photo = photo,
            Options = OptionDefaults.For(model, user.Settings, MediaKind.Image),
            ReplyTo = replyTo,
        };
    }
}
