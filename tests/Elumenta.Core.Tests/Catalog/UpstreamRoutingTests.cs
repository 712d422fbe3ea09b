using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Catalog;

/// <summary>Upstream ids from the providers.md table: a wrong one is a 404 at the provider on a paid request.</summary>
public sealed class UpstreamRoutingTests
{
    private static readonly Elumenta.Core.Catalog.ModelCatalog Catalog = CatalogConfig.LoadCatalog();

    [Theory]
    [InlineData("deepseek-v3", "deepseek-chat", null)]
    [InlineData("deepseek-r1", "deepseek-reasoner", null)]
    [InlineData("grok-4-fast", "grok-4-fast-reasoning", null)]
    [InlineData("claude-haiku-4.5", "claude-haiku-4-5", null)]
    [InlineData("gemini-3-pro", "gemini-3-pro-preview", null)]
    [InlineData("photon-flash", "photon-flash-1", null)]
    [InlineData("photon", "photon-1", null)]
    [InlineData("luma-ray2", "ray-2", null)]
    [InlineData("luma-ray2-flash", "ray-flash-2", null)]
    [InlineData("openai-tts", "tts-1", null)]
    [InlineData("openai-tts-hd", "tts-1-hd", null)]
    [InlineData("whisper", "whisper-1", null)]
    [InlineData("elevenlabs-flash", "eleven_flash_v2_5", null)]
    [InlineData("elevenlabs-v2", "eleven_multilingual_v2", null)]
    [InlineData("flux-1.1-pro", "black-forest-labs/flux-1.1-pro", null)]
    [InlineData("sd-3.5-large", "stability-ai/stable-diffusion-3.5-large", null)]
    [InlineData("kling-v2.1", "kwaivgi/kling-v2.1", null)]
    [InlineData("minimax-tts", "minimax/speech-02-hd", null)]
    [InlineData("inpaint", "black-forest-labs/flux-fill-pro", null)]
    [InlineData("musicgen", "meta/musicgen", "2b5dc5f29cee83fd5cdf8f9c92e555aae7ca2a69b73c5182f3065362b2fa0a45")]
    [InlineData("upscale", "nightmareai/real-esrgan", "42fed1c4974146d4d2414e2be2c5277c7fcf05fcc3a73abf41610695738c1d7b")]
    [InlineData("face-swap", "codeplugtech/face-swap", "278a81e7ebb22db98bcba54de985d22cc1abeead2754eb1f2af717247be69b34")]
    [InlineData("remove-bg", "lucataco/remove-bg", "95fcc2a26d3899cd6c2691c900465aaeff466285a65c14638cc5f36f34befaf1")]
    [InlineData("style-transfer", "fofr/style-transfer", "f1023890703bc0a5a3a2c21b5e498833be5f6ef6e70e9daf6b9b3a4fd8309cf0")]
    [InlineData("colorize", "piddnad/ddcolor", "ca494ba129e44e45f661d6ece83c4c98a9a7c774309beca01429b58fce8aa695")]
    [InlineData("text-ocr", "abiruyt/text-extract-ocr", "a524caeaa23495bc9edc805ab08ab5fe943afd3febed884a4f3747aa32e9cd61")]
    public void Model_routes_to_its_upstream_id_and_pinned_version(string slug, string upstreamId, string? version)
    {
        var model = Catalog.FindModel(slug);
        Assert.NotNull(model);
        Assert.Equal((upstreamId, version), (model.UpstreamId, model.UpstreamVersion));
    }
}
