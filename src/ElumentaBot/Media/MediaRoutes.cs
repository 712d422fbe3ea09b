using ElumentaBot.Media.Confirmations;
using ElumentaBot.Transport;
using ElumentaBot.Ui;

namespace ElumentaBot.Media;

public static class MediaRoutes
{
    private static readonly BotMode[] MediaModes = [BotMode.Image, BotMode.Video, BotMode.Audio, BotMode.Tools];

    /// <summary>
    /// Media commands, media buttons, and input in the media modes. Chat mode input (vision photos included) and
    /// <c>/cancel</c> (which stops media work through <c>IMediaJobs</c>) are Chat's. A voice message in Tools mode, an
    /// audio file outside Audio mode and videos have no route.
    /// </summary>
    public static RouteTable MapMedia(this RouteTable routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var media = routes.Feature("Media")
            .Command<MediaHandler>("image", (h, c, ct) => h.ImageAsync(c, ct))
            .Command<MediaHandler>("video", (h, c, ct) => h.VideoAsync(c, ct))
            .Command<MediaHandler>("music", (h, c, ct) => h.MusicAsync(c, ct))
            .Command<MediaHandler>("tts", (h, c, ct) => h.TtsAsync(c, ct))
            .Command<MediaHandler>("tools", (h, c, ct) => h.ToolsAsync(c, ct))
            .Command<MediaHandler>("history", (h, c, ct) => h.HistoryAsync(c, ct))
            .Input<MediaHandler>(InputKind.Text, MediaModes, (h, c, ct) => h.TextAsync(c, ct))
            .Input<MediaHandler>(InputKind.Photo, MediaModes, (h, c, ct) => h.FileAsync(c, ct))
            .Input<MediaHandler>(InputKind.Document, MediaModes, (h, c, ct) => h.FileAsync(c, ct))
            .Input<MediaHandler>(InputKind.Voice, [BotMode.Image, BotMode.Video, BotMode.Audio], (h, c, ct) => h.VoiceAsync(c, ct))
            .Input<MediaHandler>(InputKind.Audio, BotMode.Audio, (h, c, ct) => h.FileAsync(c, ct));
        foreach (var prefix in MediaCallbacks.Prefixes)
        {
            media.Callback<MediaCallbacks>(prefix, (h, c, ct) => h.HandleAsync(c, ct));
        }

        return routes;
    }
}
