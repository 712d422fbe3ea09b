using Elumenta.Core.Catalog;
using Elumenta.Core.Tests.TestSupport;

namespace Elumenta.Core.Tests.Catalog;

/// <summary>A fixed price of 0 is a real price (the free text models); a missing or negative one is a mistake.</summary>
public sealed class FreePriceValidatorTests
{
    private readonly CatalogOptions _options = CatalogConfig.LoadOptions();

    private ModelOptions Model(string slug) => _options.Models.Single(m => m.Slug == slug);

    private string SingleError() => Assert.Single(CatalogValidator.Validate(_options));

    [Fact]
    public void The_free_text_models_publish_a_range_of_zero_and_a_changed_range_is_refused()
    {
        Assert.All(new[] { "gpt-5-nano", "claude-haiku-4.5" }, slug => Assert.Equal((0, 0, 0), (Model(slug).MinPrice, Model(slug).MaxPrice, Model(slug).Price.Amount)));
        Model("gpt-5-nano").MaxPrice = 1;
        Assert.Equal("Model 'gpt-5-nano': price rule gives 0–0 but the published range is 0–1.", SingleError());
    }

    [Fact]
    public void A_fixed_price_of_zero_is_accepted()
    {
        var model = Model("recraft-v3");
        (model.Price.Amount, model.MinPrice, model.MaxPrice) = (0, 0, 0);
        Assert.Empty(CatalogValidator.Validate(_options));
    }

    [Fact]
    public void A_negative_fixed_price_is_refused()
    {
        var model = Model("recraft-v3");
        (model.Price.Amount, model.MinPrice, model.MaxPrice) = (-1, -1, -1);
        Assert.Equal("Model 'recraft-v3': fixed price Amount cannot be negative, got -1.", SingleError());
    }

    [Fact]
    public void A_fixed_price_without_an_amount_is_refused_rather_than_free()
    {
        var model = Model("recraft-v3");
        (model.Price.Amount, model.MinPrice, model.MaxPrice) = (null, 0, 0);
        Assert.Equal("Model 'recraft-v3': a fixed price needs an Amount (0 for a free model).", SingleError());
    }

    [Fact]
    public void The_starter_tier_still_counts_19_with_the_free_models_in_it()
    {
        Assert.Equal(19, _options.Models.Count(m => m.Tier == "starter"));
        Assert.All(new[] { "gpt-5-nano", "claude-haiku-4.5" }, slug => Assert.Equal("starter", Model(slug).Tier));
        Assert.Equal((7, 7, 7), (Model("flux-1.1-pro").MinPrice, Model("flux-1.1-pro").MaxPrice, Model("flux-1.1-pro").Price.Amount));
    }
}
