using Elumenta.Core.Catalog;
using ElumentaBot.Profile;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ElumentaBot.Tests.Onboarding;

public sealed class MediaSettingsTests
{
    private static readonly Lazy<ModelCatalog> Catalog = new(() => new ModelCatalog(Options.Create(
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "catalog.json")).Build()
            .GetSection(CatalogOptions.Section).Get<CatalogOptions>()!)));

    [Theory]
    [InlineData("dall-e-3", "is", "1024x1024,1024x1792,1792x1024")]
    [InlineData("midjourney", "iq", "relax,fast,turbo")]
    [InlineData("gpt-image-1.5", "if", "png,jpeg,webp")]
    [InlineData("kling-v2.1", "vr", "standard,pro")]
    [InlineData("veo-3.1", "vd", "4,6,8")]
    [InlineData("sora-2", "va", "16:9,9:16")]
    [InlineData("elevenlabs-v2", "tv", "21m00Tcm4TlvDq8ikWAM,pNInz6obpgDQGcFmaJgB,EXAVITQu4vr4xnSDxMaL,ErXwobaYiN019PkySvjV,TxGEqnHWrfWFTfGW9XjX,AZnzlk1XvdvUeBnXmlld")]
    [InlineData("photon", "is", "")]
    [InlineData("photon-flash", "iq", "")]
    [InlineData("minimax-video", "vd", "")]
    public void Choices_come_from_the_selected_models_price_dimensions_or_its_providers_values(string slug, string code, string expected)
    {
        var values = MediaSettings.Values(MediaSettings.Find(code)!, Catalog.Value.FindModel(slug)!);

        Assert.Equal(expected, string.Join(',', values.Select(v => v.Value)));
    }

    [Fact]
    public void Request_options_carry_only_what_the_model_accepts_and_always_price()
    {
        var settings = new UserSettings { ImageSize = "1792x1024", ImageQuality = "hd", ImageFormat = "webp", VideoDuration = "9", VideoAspectRatio = "1:1", TtsVoice = "nova" };

        foreach (var model in Catalog.Value.Models)
        {
            var options = MediaSettings.RequestOptions(settings, model);
            Assert.IsType<PriceQuote.Priced>(Pricing.Quote(model, options));
        }

        Assert.Equal(13, ((PriceQuote.Priced)Pricing.Quote(Catalog.Value.FindModel("dall-e-3")!, MediaSettings.RequestOptions(settings, Catalog.Value.FindModel("dall-e-3")!))).Price);
        Assert.Equal(new Dictionary<string, string> { ["duration"] = "4" }, MediaSettings.RequestOptions(settings, Catalog.Value.FindModel("sora-2")!));
        Assert.Equal("nova", MediaSettings.RequestOptions(settings, Catalog.Value.FindModel("openai-tts")!)["voice"]);
        Assert.Empty(MediaSettings.RequestOptions(settings, Catalog.Value.FindModel("minimax-tts")!));
    }
}
