using System.Globalization;
using Elumenta.Core.Catalog;
using ElumentaBot.Localization;

namespace ElumentaBot.Media;

/// <summary>Input checks made before any price is reserved; each failure is a localised message and nothing is charged.</summary>
public sealed class MediaChecks(Localizer texts)
{
    /// <summary>Null when the draft can be priced; otherwise the message to show.</summary>
    public string? Problem(string language, Model model, MediaDraft draft)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(draft);
        var needsPrompt = draft.Kind is MediaKind.Image or MediaKind.Music or MediaKind.Speech or MediaKind.SoundEffect or MediaKind.Dialogue
            || (draft.Kind == MediaKind.Video && draft.Photo is null)
            || (draft.Kind == MediaKind.ImageTool && model.Slug == "inpaint");
        if (needsPrompt && string.IsNullOrWhiteSpace(draft.Prompt))
        {
            return texts.Get(language, "media.prompt_missing");
        }

        if (model.MaxPromptChars is { } max && draft.Prompt is { Length: var length } && length > max)
        {
            return texts.Get(language, draft.Kind == MediaKind.Speech ? "media.tts_too_long" : "media.prompt_too_long",
                ("length", length), ("limit", max));
        }

        if (Pricing.Quote(model, draft.Options) is PriceQuote.Invalid invalid)
        {
            return invalid.Option == "source_minutes"
                ? texts.Get(language, "media.audio_too_long", ("limit", model.Price.MaxUnits))
                : texts.Get(language, "media.option_invalid", ("option", invalid.Option), ("value", invalid.Value ?? ""),
                    ("allowed", invalid.Allowed.Count > 0 ? string.Join(", ", invalid.Allowed) : "—"));
        }

        return null;
    }

    /// <summary>Dubbing is priced per started minute of the source audio.</summary>
    public static string Minutes(int seconds) =>
        Math.Max(0.01m, Math.Round(seconds / 60m, 2)).ToString(CultureInfo.InvariantCulture);
}
