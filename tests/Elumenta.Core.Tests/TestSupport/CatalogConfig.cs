using Elumenta.Core.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.TestSupport;

/// <summary>The real <c>config/catalog.json</c> (copied next to the tests), bound the way the host binds it.</summary>
public static class CatalogConfig
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "config");

    public static string CatalogPath => Path.Combine(Directory, "catalog.json");

    /// <summary>A fresh copy each call, so a test may mutate it.</summary>
    public static CatalogOptions LoadOptions(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(CatalogPath, optional: false)
            .AddInMemoryCollection(overrides ?? [])
            .Build();
        var options = new CatalogOptions();
        configuration.GetSection(CatalogOptions.Section).Bind(options);
        return options;
    }

    public static ModelCatalog LoadCatalog() => new(Options.Create(LoadOptions()));
}
