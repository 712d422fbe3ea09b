using ElumentaBot.Chat.Conversations;
using Elumenta.Providers;

namespace ElumentaBot.Chat.Running;

/// <summary>A job's input made ready for admission: the prompt, downloaded media, and the stored turn a Retry reuses.</summary>
internal sealed record PreparedRequest(string? Prompt)
{
    public IReadOnlyList<MediaInput> Images { get; init; } = [];

    /// <summary>Voice bytes still to be transcribed (after admission, since transcription costs tokens).</summary>
    public MediaInput? Voice { get; init; }

    public string? SttSlug { get; init; }

    public string? MediaKind { get; init; }

    public string? FileId { get; init; }

    /// <summary>The user turn a Retry re-runs.</summary>
    public StoredMessage? Reused { get; init; }

    public IReadOnlyList<string> AlsoCharge => Voice is not null && SttSlug is not null ? [SttSlug] : [];
}
