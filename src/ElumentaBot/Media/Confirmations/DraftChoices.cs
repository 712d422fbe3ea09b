using Elumenta.Core.Accounts;
using Elumenta.Core.Catalog;
using ElumentaBot.Media.Audio;
using ElumentaBot.Media.Images;
using ElumentaBot.Media.Tools;
using ElumentaBot.Media.Video;

namespace ElumentaBot.Media.Confirmations;

/// <summary>A choice on a waiting draft: option, tool, kind, language, model switch.</summary>
public sealed class DraftChoices(ConfirmationStore drafts, MediaFlow flow, ModelCatalog catalog, AudioRequests audio, AccountService accounts)
{
    private static readonly string[] AspectRatios = ["16:9", "9:16", "1:1"];

    /// <returns>False when the draft is gone (expired, confirmed or someone else's) or the choice is not one we offered.</returns>
    public async Task<bool> ChooseAsync(MediaUser user, string prefix, long id, string choice, int? messageId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await drafts.GetOpenAsync(id, user.AccountId, ct) is not { } row || catalog.FindModel(row.Draft.Model) is not { } model)
        {
            return false;
        }

        var draft = row.Draft;
        MediaDraft? next = prefix switch
        {
            "mo" when choice.Split('=') is [var name, var value] && Offered(model, name, value) => draft.WithOption(name, value),
            "mt" when draft.Kind == MediaKind.ImageTool && ChoiceButtons.ImageToolSlugs.Contains(choice) => ToolRequests.WithTool(draft, choice),
            "mt" when draft.Kind == MediaKind.AudioTool && ChoiceButtons.AudioToolSlugs.Contains(choice) => AudioRequests.WithTool(draft, choice),
            "ml" when draft.Model == "el-dubbing" && ChoiceButtons.DubbingLanguages.Contains(choice) => draft.WithOption("target_lang", choice) with { Awaiting = Awaiting.None },
            "mk" when draft.Awaiting == Awaiting.Kind && Kind(choice) is { } kind => audio.ForKind(user, kind, draft.Prompt, draft.ReplyTo),
            "ms" when draft.Awaiting == Awaiting.Switch => await SwitchAsync(user, draft, choice, ct),
            _ => null,
        };
        if (next is null)
        {
            return false;
        }

        await flow.ProposeAsync(user, next, id, messageId, ct);
        return true;
    }

    /// <summary>Switching also becomes the selected model of its category, as the user would expect next time.</summary>
    private async Task<MediaDraft?> SwitchAsync(MediaUser user, MediaDraft draft, string slug, CancellationToken ct)
    {
        var allowed = draft.Kind == MediaKind.Video ? ChoiceButtons.PhotoVideoModels : ChoiceButtons.ImageInputModels;
        if (!allowed.Contains(slug) || catalog.FindModel(slug) is not { } model)
        {
            return null;
        }

        await accounts.ChangeSettingsAsync(user.AccountId, user.Settings.ToJson(), user.Settings.WithModel(model.Category, slug).ToJson(), ct);
        return draft.Kind == MediaKind.Video
            ? VideoRequests.Draft(user, model, draft.Prompt, draft.Photo, draft.ReplyTo) with { Awaiting = Awaiting.VideoOptions }
            : ImageRequests.Draft(user, model, draft.Prompt, draft.Photo, draft.ReplyTo);
    }

    private static bool Offered(Model model, string name, string value) => name == "aspect_ratio"
        ? model.Options.Contains(name) && AspectRatios.Contains(value)
        : OptionDefaults.Values(model, name).Contains(value);

    private static MediaKind? Kind(string choice) => choice switch
    {
        "music" => MediaKind.Music,
        "speech" => MediaKind.Speech,
        "sfx" => MediaKind.SoundEffect,
        "dialogue" => MediaKind.Dialogue,
        _ => null,
    };
}
