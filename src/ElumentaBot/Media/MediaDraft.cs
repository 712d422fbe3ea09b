using System.Text.Json;
using System.Text.Json.Serialization;

namespace ElumentaBot.Media;

public enum MediaKind { Image, Video, Music, Speech, SoundEffect, Dialogue, AudioTool, ImageTool }

/// <summary>What a draft still needs from the user before it can be priced and run.</summary>
public enum Awaiting { None, StartFrame, SecondPhoto, Prompt, Tool, AudioTool, Language, Kind, VideoOptions, Switch }

/// <summary>A Telegram file the user sent, with what the message told us about it (kept: getFile loses name and type).</summary>
public sealed record MediaFile(string FileId, long? Size, string Mime, int? Width = null, int? Height = null, int? Duration = null, string? FileName = null);

/// <summary>
/// One media request as the user built it: model, prompt, options and input files. Stored as JSON in
/// <c>media_confirmations</c> while it waits (a price to confirm, a choice, a second input) and kept for Retry.
/// </summary>
public sealed record MediaDraft
{
    public MediaKind Kind { get; init; }
    public string Model { get; init; } = "";
    public string? Prompt { get; init; }
    public Dictionary<string, string> Options { get; init; } = [];
    public MediaFile? Photo { get; init; }
    public MediaFile? Second { get; init; }
    public MediaFile? Audio { get; init; }
    public Awaiting Awaiting { get; init; }

    /// <summary>The speech-to-text model that turned a voice message into the prompt: charged in the same request.</summary>
    public string? Transcriber { get; init; }

    /// <summary>The message the request came from, to reply to.</summary>
    public int? ReplyTo { get; init; }

    public MediaDraft WithOption(string name, string value) =>
        this with { Options = new Dictionary<string, string>(Options, StringComparer.Ordinal) { [name] = value } };

    public string ToJson() => JsonSerializer.Serialize(this, MediaJson.Default.MediaDraft);

    public static MediaDraft Parse(string json) =>
        JsonSerializer.Deserialize(json, MediaJson.Default.MediaDraft) ?? throw new JsonException("Empty media draft.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MediaDraft))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MediaJson : JsonSerializerContext;
