using Elumenta.Core.Catalog;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Catalog;

/// <summary>Every price product.md section 6.1 publishes, quoted through <see cref="Pricing.Quote"/> from the real catalog.</summary>
public sealed class PublishedPriceTests
{
    private static readonly ModelCatalog Catalog = CatalogConfig.LoadCatalog();

    /// <summary>"size=1024x1024,quality=hd" → options; empty string → no options.</summary>
    internal static Dictionary<string, string> Parse(string options) =>
        options.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);

    internal static int PriceOf(string slug, string options)
    {
        var quote = Pricing.Quote(Catalog.FindModel(slug)!, Parse(options));
        return Assert.IsType<PriceQuote.Priced>(quote).Price;
    }

    [Theory]
    [InlineData("dall-e-3", "size=1024x1024,quality=standard", 5)]
    [InlineData("dall-e-3", "size=1024x1024,quality=hd", 9)]
    [InlineData("dall-e-3", "size=1024x1792,quality=standard", 9)]
    [InlineData("dall-e-3", "size=1792x1024,quality=standard", 9)]
    [InlineData("dall-e-3", "size=1024x1792,quality=hd", 13)]
    [InlineData("dall-e-3", "size=1792x1024,quality=hd", 13)]
    [InlineData("gpt-image-1.5", "quality=low,size=1024x1024", 1)]
    [InlineData("gpt-image-1.5", "quality=low,size=1024x1536", 2)]
    [InlineData("gpt-image-1.5", "quality=low,size=1536x1024", 2)]
    [InlineData("gpt-image-1.5", "quality=medium,size=1024x1024", 4)]
    [InlineData("gpt-image-1.5", "quality=medium,size=1024x1536", 6)]
    [InlineData("gpt-image-1.5", "quality=medium,size=1536x1024", 6)]
    [InlineData("gpt-image-1.5", "quality=high,size=1024x1024", 14)]
    [InlineData("gpt-image-1.5", "quality=high,size=1024x1536", 21)]
    [InlineData("gpt-image-1.5", "quality=high,size=1536x1024", 21)]
    [InlineData("photon", "resolution=720p", 1)]
    [InlineData("photon", "resolution=1080p", 2)]
    [InlineData("nano-banana-pro", "resolution=1K", 16)]
    [InlineData("nano-banana-pro", "resolution=2K", 16)]
    [InlineData("nano-banana-pro", "resolution=4K", 32)]
    [InlineData("midjourney", "action=imagine,speed=relax", 2)]
    [InlineData("midjourney", "action=imagine,speed=fast", 9)]
    [InlineData("midjourney", "action=imagine,speed=turbo", 18)]
    [InlineData("midjourney", "action=variation,speed=relax", 2)]
    [InlineData("midjourney", "action=variation,speed=fast", 9)]
    [InlineData("midjourney", "action=variation,speed=turbo", 18)]
    [InlineData("midjourney", "action=upscale,speed=relax", 4)]
    [InlineData("midjourney", "action=upscale,speed=fast", 17)]
    [InlineData("midjourney", "action=upscale,speed=turbo", 35)]
    [InlineData("luma-ray2-flash", "resolution=540p,duration=5", 15)]
    [InlineData("luma-ray2-flash", "resolution=540p,duration=9", 27)]
    [InlineData("luma-ray2-flash", "resolution=720p,duration=5", 26)]
    [InlineData("luma-ray2-flash", "resolution=720p,duration=9", 47)]
    [InlineData("luma-ray2-flash", "resolution=1080p,duration=5", 52)]
    [InlineData("luma-ray2-flash", "resolution=1080p,duration=9", 93)]
    [InlineData("luma-ray2", "resolution=540p,duration=5", 42)]
    [InlineData("luma-ray2", "resolution=540p,duration=9", 76)]
    [InlineData("luma-ray2", "resolution=720p,duration=5", 58)]
    [InlineData("luma-ray2", "resolution=720p,duration=9", 104)]
    [InlineData("luma-ray2", "resolution=1080p,duration=5", 100)]
    [InlineData("luma-ray2", "resolution=1080p,duration=9", 180)]
    [InlineData("kling-v2.1", "mode=standard,duration=5", 26)]
    [InlineData("kling-v2.1", "mode=standard,duration=10", 52)]
    [InlineData("kling-v2.1", "mode=pro,duration=5", 47)]
    [InlineData("kling-v2.1", "mode=pro,duration=10", 94)]
    [InlineData("midjourney-video", "resolution=480p,duration=5", 50)]
    [InlineData("midjourney-video", "resolution=720p,duration=5", 160)]
    [InlineData("midjourney-video", "resolution=480p,duration=10", 100)]
    [InlineData("midjourney-video", "resolution=720p,duration=10", 320)]
    [InlineData("sora-2", "duration=4", 42)]
    [InlineData("sora-2", "duration=8", 84)]
    [InlineData("sora-2", "duration=12", 125)]
    [InlineData("veo-3.1", "resolution=720p,duration=4", 83)]
    [InlineData("veo-3.1", "resolution=720p,duration=6", 125)]
    [InlineData("veo-3.1", "resolution=720p,duration=8", 167)]
    [InlineData("veo-3.1", "resolution=1080p,duration=4", 167)]
    [InlineData("veo-3.1", "resolution=1080p,duration=6", 250)]
    [InlineData("veo-3.1", "resolution=1080p,duration=8", 334)]
    [InlineData("el-dubbing", "source_minutes=1", 60)]
    [InlineData("el-dubbing", "source_minutes=10", 600)]
    [InlineData("gpt-5-nano", "", 0)]
    [InlineData("claude-haiku-4.5", "", 0)]
    [InlineData("flux-1.1-pro", "aspect_ratio=1:1", 7)]
    public void Section_6_1_example_price(string slug, string options, int expected)
    {
        Assert.Equal(expected, PriceOf(slug, options));
    }

    /// <summary>The cheapest and dearest concrete request of each model reproduce its published range.</summary>
    [Theory]
    [InlineData("dall-e-3", "size=1024x1024,quality=standard", "size=1792x1024,quality=hd")]
    [InlineData("gpt-image-1.5", "quality=low,size=1024x1024", "quality=high,size=1536x1024")]
    [InlineData("photon", "resolution=720p", "resolution=1080p")]
    [InlineData("nano-banana-pro", "resolution=1K", "resolution=4K")]
    [InlineData("midjourney", "action=imagine,speed=relax", "action=upscale,speed=turbo")]
    [InlineData("luma-ray2-flash", "resolution=540p,duration=5", "resolution=1080p,duration=9")]
    [InlineData("luma-ray2", "resolution=540p,duration=5", "resolution=1080p,duration=9")]
    [InlineData("kling-v2.1", "mode=standard,duration=5", "mode=pro,duration=10")]
    [InlineData("midjourney-video", "resolution=480p,duration=5", "resolution=720p,duration=10")]
    [InlineData("sora-2", "duration=4", "duration=12")]
    [InlineData("veo-3.1", "resolution=720p,duration=4", "resolution=1080p,duration=8")]
    [InlineData("el-dubbing", "source_minutes=0.5", "source_minutes=10")]
    public void Published_range_comes_out_of_concrete_requests(string slug, string minOptions, string maxOptions)
    {
        var model = Catalog.FindModel(slug)!;
        Assert.Equal((model.MinPrice, model.MaxPrice), (PriceOf(slug, minOptions), PriceOf(slug, maxOptions)));
    }

    [Theory]
    [MemberData(nameof(SpecTable.Models), MemberType = typeof(SpecTable))]
    public void Published_min_and_max_are_the_table_values_and_bound_every_request(string slug, string category, string provider, int min, int max)
    {
        _ = (category, provider);
        var model = Catalog.FindModel(slug)!;
        var prices = AllRequests(model.Price).Select(o => PriceOf(slug, o)).ToList();
        Assert.Equal((min, max), (prices.Min(), prices.Max()));
    }

    private static IEnumerable<string> AllRequests(PriceRuleOptions rule) => rule.Kind switch
    {
        "matrix" => rule.Dimensions.Aggregate(
            (IEnumerable<string>)[""],
            (acc, d) => acc.SelectMany(prefix => d.Values.Select(v => $"{prefix}{d.Option}={v},"))),
        "per_unit" => Enumerable.Range(1, rule.MaxUnits).Select(n => $"{rule.Unit}={n}"),
        _ => [""],
    };
}
