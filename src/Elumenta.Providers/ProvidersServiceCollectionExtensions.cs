using Elumenta.Core.Catalog;
using Elumenta.Core.Observability;
using Elumenta.Providers.Anthropic;
using Elumenta.Providers.Configuration;
using Elumenta.Providers.DeepSeek;
using Elumenta.Providers.ElevenLabs;
using Elumenta.Providers.Google;
using Elumenta.Providers.Http;
using Elumenta.Providers.Jobs;
using Elumenta.Providers.Luma;
using Elumenta.Providers.MidJourney;
using Elumenta.Providers.OpenAI;
using Elumenta.Providers.Replicate;
using Elumenta.Providers.Resilience;
using Elumenta.Providers.Simulated;
using Elumenta.Providers.XAI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Elumenta.Providers;

public static class ProvidersServiceCollectionExtensions
{
    /// <summary>
    /// The nine provider adapters, the simulator, the job poller (a hosted service; needs the core's
    /// GenerationStore and ModelCatalog) and <see cref="ModelRouter"/> (also registered as every capability
    /// interface), configured from <c>Providers:&lt;Name&gt;:BaseUrl|ApiKey|Simulated</c> and <c>Providers:Mode</c>.
    /// </summary>
    public static IServiceCollection AddProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ProvidersOptions>().Bind(configuration.GetSection(ProvidersOptions.Section));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderOptions>, ProviderOptionsValidator>());
        services.TryAddSingleton<ProviderPipelines>();

        foreach (var provider in Enum.GetValues<ProviderName>())
        {
            var name = provider.ToString();
            services.AddOptions<ProviderOptions>(name)
                .Configure(o =>
                {
                    o.BaseUrl = ProviderOptions.DefaultBaseUrl(provider);
                    o.PollInterval = ProviderOptions.DefaultPollInterval(provider);
                })
                .Bind(configuration.GetSection($"{ProvidersOptions.Section}:{name}"))
                .ValidateOnStart();
            AddClient(services, provider, ProviderHttp.ClientName(provider), unmarked: null);
        }

        AddClient(services, ProviderName.OpenAI, ProviderHttp.ClientName(ProviderName.OpenAI) + OpenAISdk.StreamClientSuffix, CallKind.Stream);

        services.TryAddSingleton<SimulatedProvider>();
        services.AddSingleton(sp => new OpenAISdk(Http(sp, ProviderName.OpenAI), sp.GetRequiredService<IHttpClientFactory>()));
        services.AddSingleton<ResponsesFallback>();
        services.AddSingleton<IProviderAdapter, OpenAIChat>();
        services.AddSingleton<IProviderAdapter>(sp => new AnthropicChat(Http(sp, ProviderName.Anthropic)));
        services.AddSingleton<IProviderAdapter>(sp => new GeminiChat(Http(sp, ProviderName.Google)));
        services.AddSingleton<IProviderAdapter>(sp => new DeepSeekChat(Http(sp, ProviderName.DeepSeek)));
        services.AddSingleton<IProviderAdapter>(sp => new XaiChat(Http(sp, ProviderName.XAI)));
        services.AddSingleton<IProviderAdapter>(sp => new ReplicateAdapter(Http(sp, ProviderName.Replicate)));
        services.AddSingleton<IProviderAdapter>(sp => new LumaAdapter(Http(sp, ProviderName.Luma)));
        services.AddSingleton<IProviderAdapter>(sp => new LegNextAdapter(Http(sp, ProviderName.MidJourney)));
        services.AddSingleton<IProviderAdapter>(sp => new ElevenLabsAdapter(Http(sp, ProviderName.ElevenLabs), new ElevenLabsDubbing(Http(sp, ProviderName.ElevenLabs))));
        services.AddSingleton<IProviderAdapter, OpenAIImages>();
        services.AddSingleton<IProviderAdapter, OpenAIAudio>();
        services.AddSingleton<IProviderAdapter>(sp => new SoraVideo(Http(sp, ProviderName.OpenAI)));

        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        services.TryAddSingleton<ResultFiles>();
        services.TryAddSingleton<RemoteUrls>();
        services.TryAddSingleton<JobPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<JobPoller>());

        services.TryAddSingleton<ModelRouter>();
        services.TryAddSingleton<IChatModel>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<IImageModel>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<IVideoModel>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<IMusicModel>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<ITextToSpeech>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<ISpeechToText>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<IAudioTool>(sp => sp.GetRequiredService<ModelRouter>());
        services.TryAddSingleton<IImageTool>(sp => sp.GetRequiredService<ModelRouter>());
        return services;
    }

    private static ProviderHttp Http(IServiceProvider sp, ProviderName provider) => new(
        provider,
        sp.GetRequiredService<IHttpClientFactory>(),
        sp.GetRequiredService<IOptionsMonitor<ProviderOptions>>(),
        sp.GetRequiredService<TimeProvider>());

    private static void AddClient(IServiceCollection services, ProviderName provider, string clientName, CallKind? unmarked) =>
        services.AddHttpClient(clientName, (sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<IOptionsMonitor<ProviderOptions>>().Get(provider.ToString()).BaseUri;
                // Our pipeline owns every timeout; HttpClient's own 100 s would cut long streams.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ElumentaBot/1.0");
            })
            .AddHttpMessageHandler(sp => new ResilienceHandler(provider, sp.GetRequiredService<ProviderPipelines>(), unmarked, sp.GetService<ElumentaMetrics>()));
}
