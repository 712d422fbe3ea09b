using Elumenta.Core.Catalog;
using static Elumenta.Api.Generate.FieldReads;
using Elumenta.Providers;

namespace Elumenta.Api.Generate;

/// <summary>
/// Image, video, music, speech and tool requests, built the way the bot builds them (<c>ProviderCalls</c>): the same
/// provider request types, the same input capabilities (image input, start frame), the same options.
/// </summary>
internal static class MediaPlans
{
    public static GenerationPlan? Build(RequestFields fields, Model model, Dictionary<string, string> options, InputDownloads downloads) =>
        model.Category switch
        {
            ModelCategory.Image => Image(fields, model, options),
            ModelCategory.Video => Video(fields, model, options),
            ModelCategory.Music => Music(fields, model, options),
            ModelCategory.Tts => Speech(fields, model, options),
            ModelCategory.AudioTool => AudioTool(fields, model, options, downloads),
            _ => ImageTool(fields, model, options),
        };

    private static GenerationPlan? Image(RequestFields fields, Model model, Dictionary<string, string> options)
    {
        PlanBuilder.OnlyThese(fields, model, "prompt", "image_url");
        var prompt = Required(fields, "prompt");
        var image = Input(fields, "image_url", "image");
        if (image is not null && !model.Has(ModelCapabilities.ImageInput))
        {
            fields.Errors["image_url"] = $"{model.Slug} does not take an input image";
        }

        return prompt is null ? null : new GenerationPlan(model, prompt, options)
        {
            Call = (router, ct) => router.GenerateAsync(new ImageRequest(model, prompt, options, image is null ? null : [image]), ct),
        };
    }

    private static GenerationPlan? Video(RequestFields fields, Model model, Dictionary<string, string> options)
    {
        PlanBuilder.OnlyThese(fields, model, "prompt", "image_url");
        var frame = Input(fields, "image_url", "image");
        var prompt = frame is null && !fields.Has("image_url") ? Required(fields, "prompt") : fields.String("prompt") ?? "";
        if (frame is null && !fields.Has("image_url") && model.Has(ModelCapabilities.RequiresStartFrame))
        {
            fields.Errors["image_url"] = $"{model.Slug} animates a start frame: send image_url";
        }
        else if (frame is not null && !model.Has(ModelCapabilities.StartFrame))
        {
            fields.Errors["image_url"] = $"{model.Slug} does not take a start frame";
        }

        return prompt is null ? null : new GenerationPlan(model, prompt, options)
        {
            Call = (router, ct) => router.GenerateAsync(new VideoRequest(model, prompt, options, frame), ct),
        };
    }

    private static GenerationPlan? Music(RequestFields fields, Model model, Dictionary<string, string> options)
    {
        PlanBuilder.OnlyThese(fields, model, "prompt");
        var prompt = Required(fields, "prompt");
        return prompt is null ? null : new GenerationPlan(model, prompt, options)
        {
            Call = (router, ct) => router.ComposeAsync(new MusicRequest(model, prompt, options), ct),
        };
    }

    private static GenerationPlan? Speech(RequestFields fields, Model model, Dictionary<string, string> options)
    {
        PlanBuilder.OnlyThese(fields, model, "text", "prompt");
        Either(fields);
        var text = fields.Has("text") ? Required(fields, "text") : fields.Has("prompt") ? Required(fields, "prompt") : Required(fields, "text");
        return text is null ? null : new GenerationPlan(model, text, options)
        {
            PromptField = fields.Has("text") || !fields.Has("prompt") ? "text" : "prompt",
            Call = (router, ct) => router.SpeakAsync(new SpeechRequest(model, text, options), ct),
        };
    }

    private static GenerationPlan? AudioTool(RequestFields fields, Model model, Dictionary<string, string> options, InputDownloads downloads)
    {
        if (model.Has(ModelCapabilities.Async) && model.Has(ModelCapabilities.AudioInput))
        {
            // Dubbing is priced per started minute of the source; the bot reads that length from Telegram, the API
            // has no trustworthy length for a URL yet, so it is not offered here rather than priced on a guess.
            return PlanBuilder.Refuse(fields, "model", $"{model.Slug} is available in the Telegram bot only for now");
        }

        if (model.Has(ModelCapabilities.AudioInput))
        {
            PlanBuilder.OnlyThese(fields, model, "audio_url");
            var audio = Input(fields, "audio_url", "audio");
            if (audio is null && !fields.Errors.ContainsKey("audio_url"))
            {
                fields.Errors["audio_url"] = "is required";
            }

            return audio is null ? null : new GenerationPlan(model, null, options)
            {
                // The simulator needs no bytes: sandbox mode fetches nothing from the client's URL.
                Call = async (router, ct) => await router.RunAsync(new AudioToolRequest(model,
                    Audio: router.IsSimulated(model.Provider) ? audio : await downloads.LoadAsync(model, audio, ct), Options: options), ct),
            };
        }

        PlanBuilder.OnlyThese(fields, model, "text", "prompt");
        Either(fields);
        var text = fields.Has("prompt") && !fields.Has("text") ? Required(fields, "prompt") : Required(fields, "text");
        return text is null ? null : new GenerationPlan(model, text, options)
        {
            PromptField = fields.Has("prompt") && !fields.Has("text") ? "prompt" : "text",
            Call = (router, ct) => router.RunAsync(new AudioToolRequest(model, Text: text, Options: options), ct),
        };
    }

    private static GenerationPlan? ImageTool(RequestFields fields, Model model, Dictionary<string, string> options)
    {
        var second = model.Slug is "face-swap" or "style-transfer";
        var mask = model.Slug == "inpaint";
        PlanBuilder.OnlyThese(fields, model, [.. new[] { "image_url", "prompt" }, .. second ? ["second_image_url"] : Array.Empty<string>(), .. mask ? ["mask_url"] : Array.Empty<string>()]);
        var image = RequiredInput(fields, "image_url");
        var other = second ? RequiredInput(fields, "second_image_url") : null;
        var maskImage = mask ? RequiredInput(fields, "mask_url") : null;
        var prompt = mask ? Required(fields, "prompt") : fields.String("prompt");
        return image is null ? null : new GenerationPlan(model, prompt, options)
        {
            Call = (router, ct) => router.RunAsync(new ImageToolRequest(model, image, other, maskImage, prompt, options), ct),
        };
    }
}
