using Elumenta.Core.Catalog;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Catalog;

public sealed class PricingTests
{
    private static readonly ModelCatalog Catalog = CatalogConfig.LoadCatalog();

    private static PriceQuote Quote(string slug, string options) =>
        Pricing.Quote(Catalog.FindModel(slug)!, PublishedPriceTests.Parse(options));

    private static PriceQuote Dubbing(string minutes) =>
        Pricing.Quote(Catalog.FindModel("el-dubbing")!, new Dictionary<string, string> { ["source_minutes"] = minutes });

    [Theory]
    [InlineData("dall-e-3", 5, "size=1024x1024,quality=standard")]
    [InlineData("gpt-image-1.5", 4, "quality=medium,size=1024x1024")]
    [InlineData("photon", 1, "resolution=720p")]
    [InlineData("nano-banana-pro", 16, "resolution=2K")]
    [InlineData("midjourney", 9, "action=imagine,speed=fast")]
    [InlineData("luma-ray2-flash", 15, "resolution=540p,duration=5")]
    [InlineData("luma-ray2", 42, "resolution=540p,duration=5")]
    [InlineData("kling-v2.1", 26, "mode=standard,duration=5")]
    [InlineData("midjourney-video", 50, "resolution=480p,duration=5")]
    [InlineData("sora-2", 42, "duration=4")]
    [InlineData("veo-3.1", 167, "resolution=720p,duration=8")]
    [InlineData("el-dubbing", 60, "source_minutes=1")]
    [InlineData("gpt-5.2-pro", 39, "")]
    public void A_request_without_options_is_priced_at_the_defaults(string slug, int price, string filledIn)
    {
        var priced = Assert.IsType<PriceQuote.Priced>(Pricing.Quote(Catalog.FindModel(slug)!, null));
        Assert.Equal(price, priced.Price);
        Assert.Equal(PublishedPriceTests.Parse(filledIn), priced.Options);
    }

    [Fact]
    public void An_option_the_model_does_not_take_is_refused_by_name()
    {
        var invalid = Assert.IsType<PriceQuote.Invalid>(Quote("sora-2", "duration=8,quality=hd"));
        Assert.Equal(("quality", "hd"), (invalid.Option, invalid.Value));
        Assert.Empty(invalid.Allowed);

        var text = Assert.IsType<PriceQuote.Invalid>(Quote("gpt-5", "resolution=1080p"));
        Assert.Equal("resolution", text.Option);
    }

    [Fact]
    public void A_value_outside_the_list_is_refused_with_the_allowed_values()
    {
        var invalid = Assert.IsType<PriceQuote.Invalid>(Quote("dall-e-3", "size=512x512"));
        Assert.Equal(("size", "512x512"), (invalid.Option, invalid.Value));
        Assert.Equal(["1024x1024", "1024x1792", "1792x1024"], invalid.Allowed);

        var duration = Assert.IsType<PriceQuote.Invalid>(Quote("veo-3.1", "duration=10"));
        Assert.Equal(["4", "6", "8"], duration.Allowed);
    }

    [Fact]
    public void Values_are_matched_case_insensitively_and_echoed_in_catalog_spelling()
    {
        var priced = Assert.IsType<PriceQuote.Priced>(Quote("dall-e-3", "quality=HD,size= 1792x1024 "));
        Assert.Equal(13, priced.Price);
        Assert.Equal("hd", priced.Options["quality"]);
        Assert.Equal("1792x1024", priced.Options["size"]);
    }

    [Fact]
    public void Price_neutral_options_pass_through_without_changing_the_price()
    {
        var priced = Assert.IsType<PriceQuote.Priced>(Quote("flux-1.1-pro", "aspect_ratio=16:9"));
        Assert.Equal(7, priced.Price);
        Assert.Equal("16:9", priced.Options["aspect_ratio"]);
    }

    [Theory]
    [InlineData("2.5", 180)]
    [InlineData("2,5", 180)]
    [InlineData("0.1", 60)]
    [InlineData("9.01", 600)]
    [InlineData("10", 600)]
    public void Dubbing_charges_60_per_started_minute(string minutes, int price)
    {
        Assert.Equal(price, Assert.IsType<PriceQuote.Priced>(Dubbing(minutes)).Price);
    }

    [Theory]
    [InlineData("11")]
    [InlineData("10.5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.2.3")]
    public void Dubbing_refuses_audio_over_ten_minutes_or_a_non_number(string minutes)
    {
        var invalid = Assert.IsType<PriceQuote.Invalid>(Dubbing(minutes));
        Assert.Equal(("source_minutes", minutes), (invalid.Option, invalid.Value));
        Assert.Contains(invalid.Allowed, a => a.Contains("10", StringComparison.Ordinal));
    }
}
