using Elumenta.Core.Catalog;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Catalog;

public sealed class CatalogContentTests
{
    private static readonly ModelCatalog Catalog = CatalogConfig.LoadCatalog();

    [Fact]
    public void Catalog_has_the_52_models_of_the_spec_and_no_others()
    {
        var expected = SpecTable.Models.Select(row => (string)row[0]).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Catalog.Models.Select(m => m.Slug).Order(StringComparer.Ordinal));
        Assert.Equal(52, Catalog.Models.Count);
    }

    [Fact]
    public void Starter_tier_is_exactly_the_19_models_the_spec_names()
    {
        var starter = Catalog.Models.Where(m => m.Tier == ModelTier.Starter).Select(m => m.Slug).Order(StringComparer.Ordinal);
        Assert.Equal(SpecTable.StarterSlugs.Order(StringComparer.Ordinal), starter);
    }

    [Theory]
    [MemberData(nameof(SpecTable.Models), MemberType = typeof(SpecTable))]
    public void Model_matches_the_spec_table(string slug, string category, string provider, int min, int max)
    {
        var model = Catalog.FindModel(slug);
        Assert.NotNull(model);
        Assert.Equal(CatalogValidator.ParseCategory(category), model.Category);
        Assert.Equal(CatalogValidator.ParseProvider(provider), model.Provider);
        Assert.Equal((min, max), (model.MinPrice, model.MaxPrice));
        Assert.Equal(SpecTable.StarterSlugs.Contains(slug) ? ModelTier.Starter : ModelTier.Basic, model.Tier);
    }

    [Theory]
    [InlineData("free", "Starter", 0, 0, 5, 20, false, false, 1)]
    [InlineData("basic", "Basic", 300, 500, 30, 200, true, false, 2)]
    [InlineData("pro", "Pro", 700, 950, 60, 500, true, false, 3)]
    [InlineData("vip", "VIP", 1500, 1650, 100, 1000, true, true, 5)]
    [InlineData("elite", "Elite", 3000, 2750, null, null, true, true, 10)]
    public void Plan_matches_the_spec(string code, string name, int tokens, int stars, int? hourly, int? daily, bool allModels, bool api, int jobs)
    {
        var plan = Catalog.FindPlan(code);
        Assert.NotNull(plan);
        Assert.Equal(
            (name, tokens, stars, hourly, daily, allModels, api, jobs, 30),
            (plan.Name, plan.TokensPerCycle, plan.Stars, plan.HourlyLimit, plan.DailyLimit, plan.AllModels, plan.ApiAccess, plan.MaxConcurrentJobs, plan.CycleDays));
    }

    [Fact]
    public void Paid_plans_carry_the_rouble_reference_prices()
    {
        Assert.Equal([0, 890, 1690, 2990, 4990], Catalog.Plans.Select(p => p.Rubles));
    }

    [Theory]
    [InlineData("start", 50, 140, 249)]
    [InlineData("light", 100, 250, 449)]
    [InlineData("standard", 200, 450, 799)]
    [InlineData("advanced", 500, 1000, 1790)]
    [InlineData("pro_pack", 1000, 1850, 3290)]
    [InlineData("business", 2000, 3350, 5990)]
    [InlineData("premium", 5000, 7800, 13990)]
    [InlineData("ultra", 10000, 10000, 24990)]
    public void Package_matches_the_spec(string code, int tokens, int stars, int rubles)
    {
        var package = Catalog.FindPackage(code);
        Assert.NotNull(package);
        Assert.Equal((tokens, stars, rubles), (package.Tokens, package.Stars, package.Rubles));
        Assert.Equal(8, Catalog.Packages.Count);
    }

    [Fact]
    public void A_free_account_cannot_use_a_basic_model_but_every_paid_plan_can()
    {
        var gpt5 = Catalog.FindModel("gpt-5")!;
        Assert.False(Catalog.PlanOrFree("free").CanUse(gpt5));
        Assert.Equal(["basic", "pro", "vip", "elite"], Catalog.PlansUnlocking(gpt5).Select(p => p.Code));
        Assert.True(Catalog.PlanOrFree("free").CanUse(Catalog.FindModel("dall-e-3")!));
    }

    [Theory]
    [InlineData(ModelCapabilities.Vision, "gpt-5 gpt-5.2 claude-sonnet-4.5 claude-opus-4.5 gemini-3-pro gemini-2.5-flash")]
    [InlineData(ModelCapabilities.StartFrame, "kling-v2.1 luma-ray2 luma-ray2-flash veo-3.1 minimax-video")]
    [InlineData(ModelCapabilities.RequiresStartFrame, "kling-v2.1")]
    [InlineData(ModelCapabilities.ImageInput,
        "flux-kontext-pro nano-banana-pro gpt-image-1.5 upscale face-swap remove-bg style-transfer colorize inpaint text-ocr")]
    [InlineData(ModelCapabilities.AudioInput, "whisper gpt-4o-transcribe elevenlabs-scribe el-voice-changer el-voice-isolator el-dubbing")]
    public void Capability_is_on_exactly_the_spec_models(string capability, string slugs)
    {
        var actual = Catalog.Models.Where(m => m.Has(capability)).Select(m => m.Slug).Order(StringComparer.Ordinal);
        Assert.Equal(slugs.Split(' ').Order(StringComparer.Ordinal), actual);
    }

    [Fact]
    public void Text_models_stream_and_nothing_else_does()
    {
        Assert.All(Catalog.Models, m => Assert.Equal(m.Category == ModelCategory.Text, m.Has(ModelCapabilities.Streaming)));
        Assert.All(Catalog.InCategory(ModelCategory.Text), m => Assert.True(m.ContextChars >= m.MaxPromptChars));
    }

    [Fact]
    public void Create_then_poll_models_are_async_and_the_others_are_not()
    {
        var asyncProviders = new[] { ProviderName.Replicate, ProviderName.Luma, ProviderName.MidJourney };
        Assert.All(Catalog.Models, m => Assert.Equal(
            asyncProviders.Contains(m.Provider) || m.Slug is "sora-2" or "el-dubbing",
            m.IsAsync));
    }
}
