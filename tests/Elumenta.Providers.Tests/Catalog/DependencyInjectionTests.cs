using Elumenta.Core.Hosting;
using Elumenta.Providers.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Tests.Catalog;

public sealed class DependencyInjectionTests
{
    private static IConfiguration Config(Dictionary<string, string?> extra) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "catalog.json"))
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Elumenta"] = Path.Combine(Path.GetTempPath(), $"elumenta-di-{Guid.NewGuid():N}.db") })
            .AddInMemoryCollection(extra)
            .Build();

    [Fact]
    public void Core_and_providers_build_together_with_the_poller_as_a_hosted_service()
    {
        var services = new ServiceCollection().AddLogging();
        var configuration = Config([]);
        services.AddElumentaCore(configuration);
        services.AddProviders(configuration);
        using var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Contains(sp.GetServices<IHostedService>(), s => s is JobPoller);
        Assert.Same(sp.GetRequiredService<ModelRouter>(), sp.GetRequiredService<IChatModel>());
    }

    [Fact]
    public void A_bad_base_url_is_refused_at_start()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddProviders(Config(new() { ["Providers:Luma:BaseUrl"] = "not a url" }));
        using var sp = services.BuildServiceProvider();
        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptionsMonitor<Configuration.ProviderOptions>>().Get("Luma"));
        Assert.Contains("Providers:Luma:BaseUrl", e.Message, StringComparison.Ordinal);
    }
}
