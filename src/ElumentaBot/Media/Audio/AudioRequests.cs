using Elumenta.Core.Catalog;
using ElumentaBot.Media.Confirmations;

namespace ElumentaBot.Media.Audio;

/// <summary>
/// Audio mode, <c>/music</c> and <c>/tts</c>: text becomes music, speech, a sound effect or a dialogue (the user
/// picks, with prices); an audio file or voice message goes to a voice tool (changer, isolator, dubbing).
/// </summary>
public sealed class AudioRequests(ModelCatalog catalog, MediaFlow flow)
{
    public Task TextAsync(MediaUser user, string text, int replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var draft = ForKind(user, MediaKind.Music, text, replyTo) with { Awaiting = Awaiting.Kind };
        return flow.ProposeAsync(user, draft, null, null, ct);
    }

    public Task KindAsync(MediaUser user, MediaKind kind, string text, int replyTo, CancellationToken ct) =>
        flow.ProposeAsync(user, ForKind(user, kind, text, replyTo), null, null, ct);

    public Task FileAsync(MediaUser user, MediaFile audio, int replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var draft = new MediaDraft { Kind = MediaKind.AudioTool, Model = "el-voice-changer", Audio = audio, Awaiting = Awaiting.AudioTool, ReplyTo = replyTo };
        return flow.ProposeAsync(user, draft, null, null, ct);
    }

    /// <summary>The draft for one kind of audio-from-text, with the selected model and its options.</summary>
    public MediaDraft ForKind(MediaUser user, MediaKind kind, string? text, int? replyTo)
    {
        ArgumentNullException.ThrowIfNull(user);
        var slug = kind switch
        {
            MediaKind.Music => user.Settings.SelectedModel(ModelCategory.Music, catalog),
            MediaKind.Speech => user.Settings.SelectedModel(ModelCategory.Tts, catalog),
            MediaKind.SoundEffect => "elevenlabs-sfx",
            _ => "el-dialogue",
        };
        var model = catalog.FindModel(slug)!;
        return new MediaDraft
        {
            Kind = kind,
            Model = slug,
            Prompt = text?.Trim(),
            Options = OptionDefaults.For(model, user.Settings, kind),
            ReplyTo = replyTo,
        };
    }

    /// <summary>A tool chosen for the file: dubbing still needs its target language and is priced by the file's minutes.</summary>
    public static MediaDraft WithTool(MediaDraft draft, string slug)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (slug != "el-dubbing")
        {
            return draft with { Model = slug, Options = [], Awaiting = Awaiting.None };
        }

        var seconds = draft.Audio?.Duration ?? 60;
        return draft with
        {
            Model = slug,
            Options = new Dictionary<string, string> { ["source_minutes"] = MediaChecks.Minutes(seconds) },
            Awaiting = Awaiting.Language,
        };
    }
}
