using ElumentaBot.Localization;
using ElumentaBot.Media.Confirmations;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Media.Tools;

/// <summary>
/// A photo without caption outside Chat mode (and <c>/tools</c>): the image tools as priced buttons. Style transfer
/// and face swap then ask for the second photo; inpaint asks for a prompt and repaints with a full-image mask.
/// </summary>
public sealed class ToolRequests(MediaFlow flow, ITelegramBotClient bot, Localizer texts)
{
    public Task PhotoAsync(MediaUser user, MediaFile photo, string? caption, int replyTo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var draft = new MediaDraft
        {
            Kind = MediaKind.ImageTool, Model = "upscale", Photo = photo, Prompt = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim(),
            Awaiting = Awaiting.Tool, ReplyTo = replyTo,
        };
        return flow.ProposeAsync(user, draft, null, null, ct);
    }

    public Task HelpAsync(MediaUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        return bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.tools.help"), cancellationToken: ct);
    }

    public static MediaDraft WithTool(MediaDraft draft, string slug)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var next = slug switch
        {
            "style-transfer" or "face-swap" => Awaiting.SecondPhoto,
            "inpaint" when string.IsNullOrWhiteSpace(draft.Prompt) => Awaiting.Prompt,
            _ => Awaiting.None,
        };
        return draft with { Model = slug, Awaiting = next, Prompt = slug is "inpaint" or "style-transfer" ? draft.Prompt : null };
    }
}
