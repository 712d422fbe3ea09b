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

        Inputs(request.Model, request.Turns.SelectMany(t => t.Images ?? []));
        Prompt(request.Model, request.Turns[^1].Text);
    }

    public static void Check(ImageRequest request)
    {
        Prompt(request.Model, request.Prompt);
        if (request.Images is { Count: > 0 } && !request.Model.Has(ModelCapabilities.ImageInput))
        {
            throw Invalid(request.Model, $"{request.Model.Slug} does not take an input image.");
        }

        Inputs(request.Model, request.Images ?? []);
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

        Inputs(request.Model, request.StartFrame is { } frame ? [frame] : []);
    }

    /// <summary>
    /// An input handed over by URL (a start frame, an image) is passed to the provider only if it is https on a public
    /// host: never a local file, nor an address inside our network that a provider (or we) would then fetch.
    /// </summary>
    private static void Inputs(Model model, IEnumerable<MediaInput> inputs)
    {
        foreach (var input in inputs)
        {
            if (input.Url is { } url && (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps || !Http.RemoteUrls.IsPublicHostName(url)))
            {
                throw Invalid(model, "An input file must be an https URL on a public host.", "untrusted_input_url");
            }
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
