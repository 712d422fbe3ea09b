using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Tests.Infrastructure;

/// <summary>Catalog entries for tests, built like <see cref="ModelCatalog"/> builds them.</summary>
public static class TestModels
{
    public static Model Make(
        string slug,
        ModelCategory category,
        ProviderName provider,
        string upstreamId,
        string? version = null,
        string[]? capabilities = null,
        string[]? options = null,
        PriceRuleOptions? price = null,
        int? maxPromptChars = null) => new(
            slug,
            slug,
            category,
            provider,
            upstreamId,
            version,
            ModelTier.Starter,
            1,
            1,
            price ?? new PriceRuleOptions { Kind = "fixed", Amount = 1 },
            new HashSet<string>(capabilities ?? [], StringComparer.Ordinal),
            new HashSet<string>(options ?? [], StringComparer.Ordinal),
            maxPromptChars,
            null);

    public static Model Text(string slug, ProviderName provider, string upstream, params string[] capabilities) =>
        Make(slug, ModelCategory.Text, provider, upstream, capabilities: [ModelCapabilities.Streaming, .. capabilities]);

    public static PriceRuleOptions Matrix(string option, params (string Value, int Price)[] values) => new()
    {
        Kind = "matrix",
        Dimensions = [new PriceDimensionOptions { Option = option, Values = values.Select(v => v.Value).ToList(), Default = values[0].Value }],
        Prices = values.ToDictionary(v => v.Value, v => v.Price),
    };
}
