using Elumenta.Core.Catalog;
using Elumenta.Providers.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers.Tests.Infrastructure;

/// <summary>A fake server plus the real DI graph pointed at it, with short timeouts.</summary>
public sealed class ProviderHarness : IAsyncDisposable
{
    private ProviderHarness(FakeServer fake, ServiceProvider services)
    {
        Fake = fake;
        Services = services;
    }

    public FakeServer Fake { get; }
    public ServiceProvider Services { get; }
    public ModelRouter Router => Services.GetRequiredService<ModelRouter>();

    public static string KeyOf(ProviderName provider) => $"sk-test-{provider.ToString().ToLowerInvariant()}-0123456789";

    /// <param name="basePath">The path the provider's base URL carries (<c>/v1</c> for OpenAI …).</param>
    public static async Task<ProviderHarness> StartAsync(ProviderName provider, string basePath = "", Action<Dictionary<string, string?>>? configure = null, TimeProvider? clock = null)
    {
        var fake = await FakeServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            [$"Providers:{provider}:BaseUrl"] = fake.Url + basePath,
            [$"Providers:{provider}:ApiKey"] = KeyOf(provider),
            [$"Providers:{provider}:CreateTimeout"] = "00:00:03",
            [$"Providers:{provider}:StreamTimeout"] = "00:00:03",
            [$"Providers:{provider}:PollTimeout"] = "00:00:03",
            [$"Providers:{provider}:DownloadTimeout"] = "00:00:03",
            [$"Providers:{provider}:RetryBaseDelay"] = "00:00:00.010",
            [$"Providers:{provider}:RetryMaxDelay"] = "00:00:01",
            ["Providers:TextIdleTimeout"] = "00:00:02",
        };
        configure?.Invoke(settings);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddProviders(configuration);
        var provider0 = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
        return new ProviderHarness(fake, provider0);
    }

    public ProviderOptions Options(ProviderName provider) =>
        Services.GetRequiredService<IOptionsMonitor<ProviderOptions>>().Get(provider.ToString());

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
