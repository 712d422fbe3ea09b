using Elumenta.Core.Catalog;

namespace Elumenta.Providers;

public enum ChatRole { User, Assistant }

/// <summary>One turn of a conversation; user turns may carry images for vision models.</summary>
public sealed record ChatTurn(ChatRole Role, string Text, IReadOnlyList<MediaInput>? Images = null)
{
    public static ChatTurn User(string text, params MediaInput[] images) => new(ChatRole.User, text, images);

    public static ChatTurn Assistant(string text) => new(ChatRole.Assistant, text);
}

/// <param name="Turns">The history, oldest first, ending with the user's new message.</param>
public sealed record ChatRequest(
    Model Model,
    IReadOnlyList<ChatTurn> Turns,
    string? System = null,
    IReadOnlyDictionary<string, string>? Options = null);

public sealed record ChatUsage(int InputTokens, int OutputTokens);

/// <summary>A piece of a streamed answer: text, hidden reasoning, the finish reason, or usage.</summary>
public sealed record ChatDelta(string? Text = null, string? Reasoning = null, string? FinishReason = null, ChatUsage? Usage = null);

public sealed record ImageRequest(
    Model Model,
    string Prompt,
    IReadOnlyDictionary<string, string>? Options = null,
    IReadOnlyList<MediaInput>? Images = null);

public sealed record VideoRequest(
    Model Model,
    string Prompt,
    IReadOnlyDictionary<string, string>? Options = null,
    MediaInput? StartFrame = null);

public sealed record MusicRequest(Model Model, string Prompt, IReadOnlyDictionary<string, string>? Options = null);

/// <summary>Text to speak; the voice is the <c>voice</c> option (provider default otherwise).</summary>
public sealed record SpeechRequest(Model Model, string Text, IReadOnlyDictionary<string, string>? Options = null);

/// <summary>Audio to transcribe; Telegram voice notes are OGG/Opus and go up as <c>voice.ogg</c>.</summary>
public sealed record TranscriptionRequest(Model Model, MediaInput Audio, IReadOnlyDictionary<string, string>? Options = null);

public sealed record DialogueLine(string Text, string VoiceId);

/// <summary>
/// Voice changer and isolator take <see cref="Audio"/>; dubbing takes <see cref="Audio"/> and the
/// <c>target_lang</c> option; sound effects take <see cref="Text"/>; dialogue takes <see cref="Lines"/>.
/// </summary>
public sealed record AudioToolRequest(
    Model Model,
    string? Text = null,
    MediaInput? Audio = null,
    IReadOnlyList<DialogueLine>? Lines = null,
    IReadOnlyDictionary<string, string>? Options = null);

/// <summary>
/// <see cref="Image"/> is the picture to work on; <see cref="Second"/> is the face source (face swap) or
/// the style image (style transfer); <see cref="Mask"/> is the inpaint mask (white = repaint).
/// </summary>
public sealed record ImageToolRequest(
    Model Model,
    MediaInput Image,
    MediaInput? Second = null,
    MediaInput? Mask = null,
    string? Prompt = null,
    IReadOnlyDictionary<string, string>? Options = null);
