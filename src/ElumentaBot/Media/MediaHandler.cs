using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Media.Audio;
using ElumentaBot.Media.Confirmations;
using ElumentaBot.Media.History;
using ElumentaBot.Media.Images;
using ElumentaBot.Media.Running;
using ElumentaBot.Media.Tools;
using ElumentaBot.Media.Video;
using ElumentaBot.Media.VoiceInput;
using ElumentaBot.Profile;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace ElumentaBot.Media;

/// <summary>
/// Messages for media: <c>/image /video /music /tts /tools /history /cancel</c> in any mode; text, photos and audio
/// in Image, Video, Audio and Tools modes. Chat mode and menu taps are left to the other handlers.
/// </summary>
public sealed class MediaHandler(
    CurrentUser current, MainMenu menu, Localizer texts, ITelegramBotClient bot, IOptions<MediaOptions> options, AwaitedInputs awaited,
    ImageRequests images, VideoRequests videos, AudioRequests audio, ToolRequests tools, HistoryView history, IMediaJobs jobs,
    VoicePrompts voices)
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Message is not { } message || current.Account is not { } account)
        {
            return false;
        }

        var user = MediaUser.Of(message.Chat.Id, account);
        var id = message.MessageId;
        var arg = context.CommandArgument;
        switch (context.Command)
        {
            case "image": await WithPrompt(user, arg, "image", () => images.TextAsync(user, arg, id, null, ct), ct); return true;
            case "video": await WithPrompt(user, arg, "video", () => videos.TextAsync(user, arg, id, null, ct), ct); return true;
            case "music": await WithPrompt(user, arg, "music", () => audio.KindAsync(user, MediaKind.Music, arg, id, ct), ct); return true;
            case "tts": await WithPrompt(user, arg, "tts", () => audio.KindAsync(user, MediaKind.Speech, arg, id, ct), ct); return true;
            case "tools": await tools.HelpAsync(user, ct); return true;
            case "history": await history.ShowAsync(user, ct); return true;
            case "cancel": await CancelAsync(user, ct); return true;
            case not null: return false;
        }

        if (menu.Match(message.Text) is not null)
        {
            return false;
        }

        var mode = user.Settings.Mode;
        if (mode == BotMode.Chat)
        {
            return false;
        }

        // In Audio mode a voice message stays a file for the voice tools (changer, isolator, dubbing).
        if (message.Voice is { } voice && mode is BotMode.Image or BotMode.Video)
        {
            return await Run(VoiceAsync(user, account, voice, id, ct));
        }

        if (InputFile(message) is { } file)
        {
            if (file.Size > options.Value.MaxInputBytes)
            {
                return await Reply(user, id, "media.input.too_large", ct);
            }

            if (file.Mime.StartsWith("image/", StringComparison.Ordinal) && await awaited.PhotoAsync(user, file, ct))
            {
                return true;
            }

            return (mode, file.Mime.Split('/')[0]) switch
            {
                (BotMode.Image, "image") when !string.IsNullOrWhiteSpace(message.Caption) => await Run(images.PhotoAsync(user, file, message.Caption!, id, ct)),
                (BotMode.Video, "image") => await Run(videos.PhotoAsync(user, file, message.Caption ?? "", id, ct)),
                (_, "image") => await Run(tools.PhotoAsync(user, file, message.Caption, id, ct)),
                (BotMode.Audio, "audio") => await Run(audio.FileAsync(user, file, id, ct)),
                (_, "audio") => false,
                _ => await Reply(user, id, "media.input.unsupported", ct),
            };
        }

        if (message.Document is not null)
        {
            return await Reply(user, id, "media.input.unsupported", ct);
        }

        return message.Text is { Length: > 0 } text && await Run(PromptAsync(user, text, id, null, ct));
    }

    /// <summary>The photo (largest size), audio, voice, or a document that is an image or audio file.</summary>
    public static MediaFile? InputFile(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message switch
        {
            { Photo: [.., var p] } => new MediaFile(p.FileId, p.FileSize, "image/jpeg", p.Width, p.Height),
            { Voice: { } v } => new MediaFile(v.FileId, v.FileSize, v.MimeType ?? "audio/ogg", Duration: v.Duration, FileName: "voice.ogg"),
            { Audio: { } a } => new MediaFile(a.FileId, a.FileSize, a.MimeType ?? "audio/mpeg", Duration: a.Duration, FileName: a.FileName),
            { Document: { MimeType: "image/jpeg" or "image/png" or "image/webp" } d } => new MediaFile(d.FileId, d.FileSize, d.MimeType!, FileName: d.FileName),
            { Document: { MimeType: "audio/mpeg" or "audio/ogg" or "audio/wav" or "audio/x-wav" or "audio/mp4" or "audio/x-m4a" } d } =>
                new MediaFile(d.FileId, d.FileSize, d.MimeType!, FileName: d.FileName),
            _ => null,
        };
    }

    /// <summary>Typed text, or a voice message's transcript (then <paramref name="transcriber"/> is charged with it).</summary>
    private async Task PromptAsync(MediaUser user, string text, int id, string? transcriber, CancellationToken ct)
    {
        if (await awaited.PromptAsync(user, text, transcriber, ct))
        {
            return;
        }

        await (user.Settings.Mode switch
        {
            BotMode.Image => images.TextAsync(user, text, id, transcriber, ct),
            BotMode.Video => videos.TextAsync(user, text, id, transcriber, ct),
            BotMode.Audio => audio.TextAsync(user, text, id, ct),
            _ => tools.HelpAsync(user, ct),
        });
    }

    private async Task VoiceAsync(MediaUser user, Elumenta.Core.Accounts.Account account, Voice voice, int id, CancellationToken ct)
    {
        if (await voices.TranscribeAsync(user, account, voice, id, ct) is { } transcript)
        {
            await PromptAsync(user, transcript.Text, id, transcript.SttSlug, ct);
        }
    }

    private async Task CancelAsync(MediaUser user, CancellationToken ct)
    {
        var canceled = await jobs.CancelForChatAsync(user.ChatId, user.AccountId, ct);
        if (canceled == 0)
        {
            await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.cancel.nothing"), cancellationToken: ct);
        }
    }

    private async Task WithPrompt(MediaUser user, string arg, string command, Func<Task> run, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(arg))
        {
            await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.usage." + command), cancellationToken: ct);
            return;
        }

        await run();
    }

    private async Task<bool> Reply(MediaUser user, int messageId, string key, CancellationToken ct)
    {
        await bot.SendMessage(user.ChatId, texts.Get(user.Language, key, ("limit", options.Value.MaxInputBytes / (1024 * 1024))),
            replyParameters: new ReplyParameters { MessageId = messageId, AllowSendingWithoutReply = true }, cancellationToken: ct);
        return true;
    }

    private static async Task<bool> Run(Task work)
    {
        await work;
        return true;
    }
}
