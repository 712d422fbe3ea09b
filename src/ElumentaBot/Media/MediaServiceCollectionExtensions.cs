using Elumenta.Providers.Http;
using Elumenta.Providers.Jobs;
using ElumentaBot.Media.Audio;
using ElumentaBot.Media.Confirmations;
using ElumentaBot.Media.Delivery;
using ElumentaBot.Media.History;
using ElumentaBot.Media.Images;
using ElumentaBot.Media.Running;
using ElumentaBot.Media.Tools;
using ElumentaBot.Media.Video;
using ElumentaBot.Media.VoiceInput;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Media;

public static class MediaServiceCollectionExtensions
{
    /// <summary>Image, video, audio and tool requests, confirmations, progress, delivery (also after a restart) and /history.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MediaOptions>()
            .Bind(configuration.GetSection(MediaOptions.Section))
            .Validate(o => o.IsValid(), "Media options must be positive (ConfirmFrom, lifetimes, sizes, intervals).")
            .ValidateOnStart();
        // Results are fetched only from public addresses (or a provider's own configured host), checked at connect
        // time so a public name that resolves to an internal address is refused as well.
        services.AddHttpClient(MediaSender.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler { ConnectCallback = sp.GetRequiredService<RemoteUrls>().ConnectAsync });

        services.TryAddSingleton<ConfirmationStore>();
        services.TryAddSingleton<MediaChecks>();
        services.TryAddSingleton<ChoiceButtons>();
        services.TryAddSingleton<DraftCards>();
        services.TryAddSingleton<AdmissionRefusals>();
        services.TryAddSingleton<MediaFlow>();
        services.TryAddSingleton<AwaitedInputs>();
        services.TryAddSingleton<DraftChoices>();

        services.TryAddSingleton<InputFiles>();
        services.TryAddSingleton<ProviderCalls>();
        services.TryAddSingleton<JobRegistry>();
        services.TryAddSingleton<ProgressReporter>();
        services.TryAddSingleton<MediaRunner>();
        services.TryAddSingleton<IMediaJobs, MediaJobs>();

        services.TryAddSingleton<DeliveryRecords>();
        services.TryAddSingleton<MediaSender>();
        services.TryAddSingleton<FailureNotice>();
        services.TryAddSingleton<MidjourneyButtons>();
        services.TryAddSingleton<MediaDelivery>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IJobListener, MediaJobListener>());
        services.AddHostedService<UndeliveredOnStart>();

        services.TryAddSingleton<ImageRequests>();
        services.TryAddSingleton<MidjourneyActions>();
        services.TryAddSingleton<VideoRequests>();
        services.TryAddSingleton<AudioRequests>();
        services.TryAddSingleton<ToolRequests>();
        services.TryAddSingleton<HistoryView>();
        services.TryAddSingleton<VoicePrompts>();

        services.TryAddSingleton<MediaRetry>();
        services.AddScoped<MediaHandler>();
        services.AddScoped<MediaCallbacks>();
        return services;
    }
}
