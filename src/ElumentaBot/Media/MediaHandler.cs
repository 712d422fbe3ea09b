using ElumentaBot.Accounts;
using ElumentaBot.Localization;
using ElumentaBot.Media.Audio;
using ElumentaBot.Media.Confirmations;
using ElumentaBot.Media.History;
using ElumentaBot.Media.Images;
using ElumentaBot.Media.Tools;
using ElumentaBot.Media.Video;
using ElumentaBot.Media.VoiceInput;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace ElumentaBot.Media;

/// <summary>
/// Messages for media (routes in <see cref="MediaRoutes"/>): <c>/image /video /music /tts /tools /history</c> in any
/// mode; text, photos, voice, audio and documents in Image, Video, Audio and Tools modes. A request's idempotency
/// key is <c>update:{id}</c>: a redelivered update resumes the draft it committed instead of making another.
/// </summary>
public sealed class MediaHandler(
    CurrentUser current, Localizer texts, ITelegramBotClient bot, IOptions<MediaOptions> options, AwaitedInputs awaited, MediaFlow flow,
    ImageRequests images, VideoRequests videos, AudioRequests audio, ToolRequests tools, HistoryView history, VoicePrompts voices)
{
    public Task ImageAsync(UpdateContext context, CancellationToken ct) =>
        WithPrompt(context, "image", (user, arg, id) => images.TextAsync(user, arg, id, null, ct), ct);

    public Task VideoAsync(UpdateContext context, CancellationToken ct) =>
        WithPrompt(context, "video", (user, arg, id) => videos.TextAsync(user, arg, id, null, ct), ct);

    public Task MusicAsync(UpdateContext context, CancellationToken ct) =>
        WithPrompt(context, "music", (user, arg, id) => audio.KindAsync(user, MediaKind.Music, arg, id, ct), ct);

    public Task TtsAsync(UpdateContext context, CancellationToken ct) =>
        WithPrompt(context, "tts", (user, arg, id) => audio.KindAsync(user, MediaKind.Speech, arg, id, ct), ct);

    public Task ToolsAsync(UpdateContext context, CancellationToken ct) => tools.HelpAsync(User(context), ct);

    public Task HistoryAsync(UpdateContext context, CancellationToken ct) => history.ShowAsync(User(context), ct);

    public async Task TextAsync(UpdateContext context, CancellationToken ct)
    {
        var user = User(context);
        if (!await flow.ResumeAsync(user, null, ct))
        {
            await PromptAsync(user, context.Mode, context.Message!.Text ?? "", context.Message.Id, null, ct);
        }
    }

    /// <summary>In Image and Video mode a spoken prompt; in Audio mode a voice stays a file for the voice tools.</summary>
    public async Task VoiceAsync(UpdateContext context, CancellationToken ct)
    {
        if (context.Mode == BotMode.Audio)
        {
            await FileAsync(context, ct);
            return;
        }

        var user = User(context);
        var message = context.Message!;
        if (!await flow.ResumeAsync(user, null, ct)
            && await voices.TranscribeAsync(user, current.Require(), message.Voice!, message.Id, ct) is { } transcript)
        {
            await PromptAsync(user, context.Mode, transcript.Text, message.Id, transcript.SttSlug, ct);
        }
    }

    /// <summary>A photo, an audio file (Audio mode), or a document that is an image or audio file.</summary>
    public async Task FileAsync(UpdateContext context, CancellationToken ct)
    {
        var user = User(context);
        var message = context.Message!;
        var id = message.Id;
        if (InputFile(message) is not { } file)
        {
            await Reply(user, id, "media.input.unsupported", ct);
            return;
        }

        if (file.Size > options.Value.MaxInputBytes)
        {
            await Reply(user, id, "media.input.too_large", ct);
            return;
        }

        if (await flow.ResumeAsync(user, null, ct)
            || (file.Mime.StartsWith("image/", StringComparison.Ordinal) && await awaited.PhotoAsync(user, file, ct)))
        {
            return;
        }

        await ((context.Mode, file.Mime.Split('/')[0]) switch
        {
            (BotMode.Image, "image") when !string.IsNullOrWhiteSpace(message.Caption) => images.PhotoAsync(user, file, message.Caption!, id, ct),
            (BotMode.Video, "image") => videos.PhotoAsync(user, file, message.Caption ?? "", id, ct),
            (_, "image") => tools.PhotoAsync(user, file, message.Caption, id, ct),
            (BotMode.Audio, "audio") => audio.FileAsync(user, file, id, ct),
            _ => Reply(user, id, "media.input.unsupported", ct),
        });
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

    private MediaUser User(UpdateContext context) =>
        MediaUser.Of(context.Message!.Chat.Id, current.Require(), context.EffectKey);

    /// <summary>Typed text, or a voice message's transcript (then <paramref name="transcriber"/> is charged with it).</summary>
    private async Task PromptAsync(MediaUser user, BotMode mode, string text, int id, string? transcriber, CancellationToken ct)
    {
        if (await awaited.PromptAsync(user, text, transcriber, ct))
        {
            return;
        }

        await (mode switch
        {
            BotMode.Image => images.TextAsync(user, text, id, transcriber, ct),
            BotMode.Video => videos.TextAsync(user, text, id, transcriber, ct),
            BotMode.Audio => audio.TextAsync(user, text, id, ct),
            _ => tools.HelpAsync(user, ct),
        });
    }

    private async Task WithPrompt(UpdateContext context, string command, Func<MediaUser, string, int, Task> run, CancellationToken ct)
    {
        var user = User(context);
        var arg = context.CommandArgument;
        if (string.IsNullOrWhiteSpace(arg))
        {
            await bot.SendMessage(user.ChatId, texts.Get(user.Language, "media.usage." + command), cancellationToken: ct);
        }
        else if (!await flow.ResumeAsync(user, null, ct))
        {
            await run(user, arg, context.Message!.Id);
        }
    }

    private async Task Reply(MediaUser user, int messageId, string key, CancellationToken ct) =>
        await bot.SendMessage(user.ChatId, texts.Get(user.Language, key, ("limit", options.Value.MaxInputBytes / (1024 * 1024))),
            replyParameters: new ReplyParameters { MessageId = messageId, AllowSendingWithoutReply = true }, cancellationToken: ct);
}
