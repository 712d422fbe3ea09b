namespace Elumenta.Providers.Http;

internal static class AudioFiles
{
    /// <summary>Upstreams detect the format from the file name; Telegram voice notes are OGG/Opus.</summary>
    public static string FileName(MediaInput audio) => audio.FileName ?? audio.MimeType switch
    {
        "audio/ogg" or "audio/opus" or "audio/ogg; codecs=opus" => "voice.ogg",
        "audio/mpeg" or "audio/mp3" => "audio.mp3",
        "audio/wav" or "audio/x-wav" => "audio.wav",
        "audio/mp4" or "audio/m4a" or "audio/x-m4a" => "audio.m4a",
        "video/mp4" => "video.mp4",
        "audio/webm" or "video/webm" => "audio.webm",
        _ => "voice.ogg",
    };
}
