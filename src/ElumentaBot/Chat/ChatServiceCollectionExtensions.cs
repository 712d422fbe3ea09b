using ElumentaBot.Transport;
using ElumentaBot.Chat.Conversations;
using ElumentaBot.Chat.Delivery;
using ElumentaBot.Chat.Handlers;
using ElumentaBot.Ui;
using ElumentaBot.Chat.Running;
using ElumentaBot.Chat.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Chat;

public static class ChatServiceCollectionExtensions
{
    /// <summary>Text chat, photos and voice in Chat mode, streaming, the per-chat queue, refusals; routes in <see cref="ChatRoutes"/>.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ChatOptions>()
            .Bind(configuration.GetSection(ChatOptions.Section))
            .Validate(o => o.IsValid(), "Chat options are out of range (intervals >= 50 ms, keep-alive >= draft interval, StreamChunkChars 500-4096, MaxWaiting 0-20).")
            .ValidateOnStart();

        services.TryAddSingleton<IAnswerFormatter, TelegramHtmlFormatter>();
        services.TryAddSingleton<AnswerDelivery>();
        services.TryAddSingleton<RefusalRenderer>();
        services.TryAddSingleton<ConversationStore>();
        services.TryAddSingleton<TelegramFiles>();
        services.TryAddSingleton<ChatRunner>();
        services.TryAddSingleton<ChatRecovery>();
        services.TryAddSingleton<ChatSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatSessions>());
        services.TryAddSingleton<ChatReplies>();

        services.AddScoped<RecordedReplies>();
        services.AddScoped<ChatStopHandler>();
        services.AddScoped<ChatCallbackHandler>();
        services.AddScoped<ChatCommandHandler>();
        services.AddScoped<ChatMediaHandler>();
        services.AddScoped<ChatTextHandler>();
        return services;
    }
}
