using Elumenta.Core.Catalog;

namespace Elumenta.Providers;

/// <summary>Input checks against the model's catalog capabilities, made before any provider is called.</summary>
internal static class RequestChecks
{
    public static void Check(ChatRequest request)
    {
        if (request.Turns.Count == 0 || request.Turns[^1].Role != ChatRole.User)
        {
            throw Invalid(request.Model, "A conversation must end with the user's message.");
        }

        if (!request.Model.Has(ModelCapabilities.Vision) && request.Turns.Any(t => t.Images is { Count: > 0 }))
        {
            throw Invalid(request.Model, $"{request.Model.Slug} does not read images.");
        }

        Prompt(request.Model, request.Turns[^1].Text);
    }

    public static void Check(ImageRequest request)
    {
        Prompt(request.Model, request.Prompt);
        if (request.Images is { Count: > 0 } && !request.Model.Has(ModelCapabilities.ImageInput))
        {
            throw Invalid(request.Model, $"{request.Model.Slug} does not take an input image.");
        }
    }

    public static void Check(VideoRequest request)
    {
        Prompt(request.Model, request.Prompt);
        if (request.StartFrame is null && request.Model.Has(ModelCapabilities.RequiresStartFrame))
        {
            throw Invalid(request.Model, $"{request.Model.Slug} animates a photo: send a start frame.", "start_frame_required");
        }

        if (request.StartFrame is not null && !request.Model.Has(ModelCapabilities.StartFrame) && !request.Model.Has(ModelCapabilities.RequiresStartFrame))
        {
            throw Invalid(request.Model, $"{request.Model.Slug} does not take a start frame.");
        }
    }

    public static void Prompt(Model model, string? prompt)
    {
        if (model.MaxPromptChars is { } max && prompt is not null && prompt.Length > max)
        {
            throw Invalid(model, $"The prompt is {prompt.Length} characters; {model.Slug} takes at most {max}.", "prompt_too_long");
        }
    }

    private static ProviderException Invalid(Model model, string message, string? code = null) =>
        new(ProviderErrorKind.InvalidInput, model.Provider, message, code: code);
}
