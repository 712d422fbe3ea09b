using ElumentaBot.BotApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ElumentaBot.Dispatch;

/// <summary>
/// The seam product layers plug into. Handlers are scoped (one DI scope per update) and asked in
/// registration order until one returns true. An exception retries the update (bounded), so a handler
/// must not have committed side effects before it throws, or must key them on the update or a business id.
/// </summary>
public interface IUpdateHandler
{
    Task<bool> HandleAsync(UpdateContext context, CancellationToken ct);
}

/// <summary>One update being handled.</summary>
public sealed class UpdateContext(Update update, string kind, long? chatId, int attempt, IBotApi bot, IServiceProvider services)
{
    public Update Update { get; } = update;

    public int UpdateId => Update.UpdateId;

    /// <summary>One of <see cref="UpdateKinds"/>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The chat (or, without one, the user) whose updates are serialised with this one.</summary>
    public long? ChatId { get; } = chatId;

    /// <summary>0 on the first try.</summary>
    public int Attempt { get; } = attempt;

    public IBotApi Bot { get; } = bot;

    public IServiceProvider Services { get; } = services;

    public Message? Message => Update.Message;

    public User? From => Update.Message?.From ?? Update.EditedMessage?.From ?? Update.CallbackQuery?.From
        ?? Update.PreCheckoutQuery?.From ?? Update.MyChatMember?.From ?? Update.Subscription?.User;

    /// <summary>The command without slash and bot name (<c>/start@Bot x</c> → <c>start</c>), or null.</summary>
    public string? Command => Message?.Text is ['/', ..] text && Message.Entities?.FirstOrDefault() is { Type: "bot_command", Offset: 0 } entity
        ? text[1..entity.Length].Split('@')[0].ToLowerInvariant()
        : null;

    /// <summary>Text after the command (a deep-link payload for /start), or empty.</summary>
    public string CommandArgument => Message?.Text is { } text && Command is not null
        ? text[Math.Min(text.Length, Message.Entities![0].Length)..].Trim()
        : "";
}

public static class UpdateHandlerRegistration
{
    /// <summary>Adds a scoped handler; handlers run in the order they were added.</summary>
    public static IServiceCollection AddUpdateHandler<THandler>(this IServiceCollection services)
        where THandler : class, IUpdateHandler
    {
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IUpdateHandler, THandler>());
        return services;
    }
}
