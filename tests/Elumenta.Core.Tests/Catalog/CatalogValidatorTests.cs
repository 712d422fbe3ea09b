using Elumenta.Core.Catalog;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Catalog;

/// <summary>The real catalog with one thing broken: each mistake must be refused with a message that names it.</summary>
public sealed class CatalogValidatorTests
{
    private readonly CatalogOptions _options = CatalogConfig.LoadOptions();

    private ModelOptions Model(string slug) => _options.Models.Single(m => m.Slug == slug);

    private string SingleError()
    {
        var errors = CatalogValidator.Validate(_options);
        return Assert.Single(errors);
    }

    [Fact]
    public void The_shipped_catalog_is_valid()
    {
        Assert.Empty(CatalogValidator.Validate(_options));
    }

    [Fact]
    public void A_published_range_the_rule_does_not_produce_is_refused()
    {
        Model("dall-e-3").MaxPrice = 14;
        Assert.Equal("Model 'dall-e-3': price rule gives 5–13 but the published range is 5–14.", SingleError());
    }

    [Fact]
    public void A_matrix_price_changed_without_its_range_is_refused()
    {
        Model("veo-3.1").Price.Prices["1080p|8"] = 335;
        Assert.Contains("gives 83–335 but the published range is 83–334", SingleError(), StringComparison.Ordinal);
    }

    [Fact]
    public void Losing_a_starter_model_is_refused_with_the_count()
    {
        Model("inpaint").Tier = "basic";
        Assert.Equal("The Starter tier must have exactly 19 models, but 18 are marked 'starter'.", SingleError());
    }

    [Fact]
    public void An_unknown_provider_is_named_with_the_known_ones()
    {
        Model("grok-4-fast").Provider = "Grok";
        var error = SingleError();
        Assert.StartsWith("Model 'grok-4-fast': unknown provider 'Grok' (known: OpenAI, Anthropic, Google, DeepSeek, XAI, Replicate, Luma,", error, StringComparison.Ordinal);
        Assert.Contains("ElevenLabs", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slug_repeated_in_another_case_is_refused()
    {
        Model("gpt-5").Slug = "GPT-5-Nano";
        Assert.Contains("Model slug 'gpt-5-nano' is used by 2 models ('gpt-5-nano', 'GPT-5-Nano')", SingleError(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_matrix_cell_is_refused_with_its_key()
    {
        Model("midjourney").Price.Prices.Remove("upscale|turbo");
        var errors = CatalogValidator.Validate(_options);
        Assert.Equal(["Model 'midjourney': matrix (action × speed) has no price for 'upscale|turbo'."], errors);
    }

    [Fact]
    public void A_matrix_key_that_matches_no_combination_is_refused()
    {
        Model("photon").Price.Prices["4k"] = 2;
        Assert.Equal("Model 'photon': matrix (resolution) has a price for '4k', which is not a combination of its values.", SingleError());
    }

    [Fact]
    public void A_default_outside_the_values_is_refused()
    {
        Model("sora-2").Price.Dimensions[0].Default = "10";
        Assert.Equal("Model 'sora-2': default '10' of price dimension 'duration' is not one of its values (4, 8, 12).", SingleError());
    }

    [Fact]
    public void A_per_unit_rule_without_a_cap_is_refused()
    {
        Model("el-dubbing").Price.MaxUnits = 0;
        Assert.Contains("per_unit price needs Unit, a positive UnitPrice and a positive MaxUnits", SingleError(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Category", "picture", "unknown category 'picture' (known: text, image, video, music, tts, stt, audio_tool, image_tool)")]
    [InlineData("Tier", "premium", "tier must be 'starter' or 'basic', not 'premium'")]
    [InlineData("UpstreamId", "", "UpstreamId is empty")]
    [InlineData("Capability", "Vision", "unknown capability 'Vision'")]
    [InlineData("Kind", "tiered", "unknown price rule kind 'tiered' (known: fixed, matrix, per_unit)")]
    public void A_bad_model_field_is_named(string field, string value, string message)
    {
        var model = Model("recraft-v3");
        switch (field)
        {
            case "Category": model.Category = value; break;
            case "Tier": model.Tier = value; break;
            case "UpstreamId": model.UpstreamId = value; break;
            case "Kind": model.Price.Kind = value; break;
            default: model.Capabilities.Add(value); break;
        }

        Assert.StartsWith($"Model 'recraft-v3': {message}", SingleError(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plan_and_an_empty_package_are_refused()
    {
        _options.Plans.RemoveAll(p => p.Code == "vip");
        _options.Packages[0].Tokens = 0;
        Assert.Equal(
            ["Plan 'vip' is missing.", "Package 'start': Tokens and Stars must be positive (got 0 tokens for 140 Stars)."],
            CatalogValidator.Validate(_options));
    }

    [Fact]
    public void The_catalog_refuses_to_build_from_a_broken_configuration()
    {
        Model("sora-2").MinPrice = 40;
        var ex = Assert.Throws<OptionsValidationException>(() => new ModelCatalog(Options.Create(_options)));
        Assert.Contains("Model 'sora-2': price rule gives 42–125 but the published range is 40–125.", ex.Failures);
    }
}
