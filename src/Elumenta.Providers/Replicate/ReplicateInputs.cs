using System.Text.Json.Nodes;
using Elumenta.Providers.Http;

namespace Elumenta.Providers.Replicate;

/// <summary>
/// Where each Replicate model wants the prompt and the pictures, and how our option names map to its
/// input fields (providers.md §6 per-model table). Unlisted options pass through under their own name.
/// </summary>
internal static class ReplicateInputs
{
    private sealed record Shape(string? Prompt, string? Image, string? Second = null, string? Mask = null, bool ImageArray = false, Dictionary<string, string>? Defaults = null);

    private static readonly Dictionary<string, Shape> Shapes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["black-forest-labs/flux-1.1-pro"] = new("prompt", "image_prompt"),
        ["black-forest-labs/flux-kontext-pro"] = new("prompt", "input_image"),
        ["stability-ai/stable-diffusion-3.5-large"] = new("prompt", "image"),
        ["recraft-ai/recraft-v3"] = new("prompt", null),
        ["google/nano-banana-pro"] = new("prompt", "image_input", ImageArray: true),
        ["kwaivgi/kling-v2.1"] = new("prompt", "start_image"),
        ["minimax/video-01"] = new("prompt", "first_frame_image"),
        ["google/veo-3.1"] = new("prompt", "image"),
        ["meta/musicgen"] = new("prompt", null, Defaults: new() { ["model_version"] = "stereo-melody-large", ["output_format"] = "mp3" }),
        ["minimax/speech-02-hd"] = new("text", null, Defaults: new() { ["voice_id"] = "Wise_Woman" }),
        ["nightmareai/real-esrgan"] = new(null, "image"),
        ["codeplugtech/face-swap"] = new(null, "input_image", Second: "swap_image"),
        ["lucataco/remove-bg"] = new(null, "image"),
        ["fofr/style-transfer"] = new("prompt", "structure_image", Second: "style_image"),
        ["piddnad/ddcolor"] = new(null, "image"),
        ["black-forest-labs/flux-fill-pro"] = new("prompt", "image", Mask: "mask"),
        ["abiruyt/text-extract-ocr"] = new(null, "image"),
    };

    private static readonly Dictionary<string, string> Renames = new(StringComparer.Ordinal)
    {
        ["format"] = "output_format",
        ["voice"] = "voice_id",
    };

    /// <summary>Price-only options: they decide what we charge, not what the model does.</summary>
    private static readonly HashSet<string> NotSent = new(StringComparer.Ordinal) { "source_minutes" };

    public static bool Knows(string upstreamId) => Shapes.ContainsKey(upstreamId);

    public static JsonObject Build(string upstreamId, string? prompt, IReadOnlyDictionary<string, string>? options, IReadOnlyList<MediaInput> images, MediaInput? second = null, MediaInput? mask = null)
    {
        var shape = Shapes.GetValueOrDefault(upstreamId) ?? new Shape("prompt", "image");
        var input = new JsonObject();
        foreach (var (name, value) in shape.Defaults ?? [])
        {
            input[name] = JsonRead.Typed(value);
        }

        if (shape.Prompt is not null && !string.IsNullOrWhiteSpace(prompt))
        {
            input[shape.Prompt] = prompt;
        }

        if (shape.Image is not null && images.Count > 0)
        {
            input[shape.Image] = shape.ImageArray
                ? new JsonArray(images.Select(i => (JsonNode)JsonValue.Create(i.ToUrlOrDataUri())).ToArray())
                : images[0].ToUrlOrDataUri();
        }

        if (shape.Second is not null && second is not null)
        {
            input[shape.Second] = second.ToUrlOrDataUri();
        }

        if (shape.Mask is not null && mask is not null)
        {
            input[shape.Mask] = mask.ToUrlOrDataUri();
        }

        foreach (var (name, value) in options ?? new Dictionary<string, string>())
        {
            if (!NotSent.Contains(name) && !string.IsNullOrWhiteSpace(value))
            {
                input[Renames.GetValueOrDefault(name, name)] = JsonRead.Typed(value.Trim());
            }
        }

        return input;
    }
}
