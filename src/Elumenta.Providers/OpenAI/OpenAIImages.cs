using System.ClientModel;
using System.Globalization;
using Elumenta.Core.Catalog;
using Elumenta.Providers.Http;
using global::OpenAI.Images;

// The gpt-image fields (quality tiers, output format, background) are still marked experimental in the SDK.
#pragma warning disable OPENAI001

namespace Elumenta.Providers.OpenAI;

/// <summary>dall-e-3 and gpt-image-1.5 through the SDK's image client (edits when an input image is given).</summary>
public sealed class OpenAIImages(OpenAISdk sdk) : IProviderAdapter, IImageModel
{
    public ProviderName Provider => ProviderName.OpenAI;

    public async Task<ProviderOutcome> GenerateAsync(ImageRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = sdk.Client().GetImageClient(request.Model.UpstreamId);
        var dalle = request.Model.UpstreamId.StartsWith("dall-e", StringComparison.OrdinalIgnoreCase);
        var size = Size(request.Options.Opt("size"));
        var quality = request.Options.Opt("quality") is { } q ? new GeneratedImageQuality(q) : (GeneratedImageQuality?)null;
        try
        {
            GeneratedImage image;
            if (request.Images is { Count: > 0 } images && !dalle)
            {
                var input = images[0];
                using var stream = new MemoryStream(input.Bytes ?? throw new ProviderException(ProviderErrorKind.InvalidInput, Provider, "OpenAI image edits need the picture as bytes."));
                var edit = new ImageEditOptions { Size = size, Quality = quality };
                image = (await client.GenerateImageEditAsync(stream, input.FileName ?? "image.png", request.Prompt, edit, ct)).Value;
            }
            else
            {
                var options = new ImageGenerationOptions { Size = size, Quality = quality };
                if (dalle)
                {
                    options.ResponseFormat = GeneratedImageFormat.Uri;
                    if (request.Options.Opt("style") is { } style)
                    {
                        options.Style = new GeneratedImageStyle(style);
                    }
                }
                else if (request.Options.Opt("format") is { } format)
                {
                    options.OutputFileFormat = new GeneratedImageFileFormat(format);
                }

                if (!dalle && request.Options.Opt("background") is { } background)
                {
                    options.Background = new GeneratedImageBackground(background);
                }

                image = (await client.GenerateImageAsync(request.Prompt, options, ct)).Value;
            }

            return new ProviderOutcome.Done(ToResult(image, request.Options.Opt("format")));
        }
        catch (ClientResultException e)
        {
            throw sdk.Map(e);
        }
    }

    private MediaResult ToResult(GeneratedImage image, string? format)
    {
        if (image.ImageUri is { } uri)
        {
            return new MediaResult([new MediaItem("image/png", Url: uri)]);
        }

        if (image.ImageBytes is { } bytes && !bytes.IsEmpty)
        {
            return MediaResult.FromBytes(bytes.ToArray(), format is "jpeg" or "jpg" ? "image/jpeg" : format == "webp" ? "image/webp" : "image/png");
        }

        throw ErrorMapper.Malformed(Provider, "image response (no url or b64_json)");
    }

    private static GeneratedImageSize? Size(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var parts = value.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var w)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h)
            ? new GeneratedImageSize(w, h)
            : null;
    }
}
