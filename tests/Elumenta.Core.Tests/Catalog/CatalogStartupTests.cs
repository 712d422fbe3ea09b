using Elumenta.Core.Catalog;
using Elumenta.Core.Hosting;
using Elumenta.Core.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Elumenta.Core.Tests.Catalog;

/// <summary>A broken catalog must stop the host before it takes any work, with a message an operator can act on.</summary>
public sealed class CatalogStartupTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("elumenta-catalog-").FullName;

    public void Dispose()
    {
        // Pooled SQLite connections keep the file open; release them so the temp folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private IHost BuildHost(Dictionary<string, string?> overrides)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        overrides["ConnectionStrings:Elumenta"] = Path.Combine(_dir, "elumenta.db");
        builder.Configuration
            .AddJsonFile(Path.Combine(CatalogConfig.Directory, "appsettings.json"), optional: false)
            .AddJsonFile(CatalogConfig.CatalogPath, optional: false)
            .AddInMemoryCollection(overrides);
        builder.Services.AddElumentaCore(builder.Configuration);
        return builder.Build();
    }

    private static int IndexOf(string slug) => CatalogConfig.LoadOptions().Models.FindIndex(m => m.Slug == slug);

    [Fact]
    public async Task Host_with_a_price_range_mismatch_fails_at_start_naming_the_model()
    {
        using var host = BuildHost(new() { [$"Catalog:Models:{IndexOf("kling-v2.1")}:MaxPrice"] = "99" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Model 'kling-v2.1': price rule gives 26–94 but the published range is 26–99.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_with_an_unknown_provider_fails_at_start()
    {
        using var host = BuildHost(new() { [$"Catalog:Models:{IndexOf("whisper")}:Provider"] = "Whisperer" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Model 'whisper': unknown provider 'Whisperer'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_with_the_shipped_catalog_starts_and_serves_it()
    {
        using var host = BuildHost([]);

        await host.StartAsync();
        try
        {
            var catalog = host.Services.GetRequiredService<ModelCatalog>();
            Assert.Equal(52, catalog.Models.Count);
            Assert.Null(catalog.FindPlan("elite")!.HourlyLimit);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
