using ElumentaBot.Ui;
using Telegram.Bot.Types;

namespace ElumentaBot.Transport;

/// <summary>What a route runs: the feature's handler (resolved from the update's scope) and one of its methods.</summary>
public delegate Task RouteAction<in THandler>(THandler handler, UpdateContext context, CancellationToken ct);

/// <summary>A kind of plain input that goes where the keyboard's mode says.</summary>
public enum InputKind { Text, Photo, Voice, Audio, Document, Video }

public sealed record Route(string Key, string Feature, Type Handler, Func<object, UpdateContext, CancellationToken, Task> Run);

/// <summary>Registered in DI by a host or test that replaces routes on purpose (<see cref="RouteTable.Override"/>).</summary>
public sealed record RouteOverride(Action<RouteTable> Apply);

/// <summary>
/// The one place that decides who answers an update, after the gates. Each feature fills it with its
/// <c>Map&lt;Feature&gt;</c> method; two features claiming the same key stop start-up naming both.
/// Resolution order: payments (pre-checkout, successful and refunded payment), service updates (subscription,
/// stopped generation, inline), callbacks by prefix, commands by name, reply-keyboard buttons, then input by
/// kind and mode; anything else goes to the fallback.
/// </summary>
public sealed class RouteTable
{
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Route> All => _routes.Values;

    public FeatureRoutes Feature(string name) => new(this, name);

    /// <summary>Routes that knowingly replace a feature's (test probes, a host that swaps one answer).</summary>
    public FeatureRoutes Override(string name) => new(this, name, replace: true);

    internal void Add(string key, string feature, Type handler, Func<object, UpdateContext, CancellationToken, Task> run, bool replace)
    {
        if (!replace && _routes.TryGetValue(key, out var existing))
        {
            throw new InvalidOperationException(
                $"Route '{key}' is claimed twice: by {existing.Feature} ({existing.Handler.Name}) and by {feature} ({handler.Name}).");
        }

        _routes[key] = new Route(key, feature, handler, run);
    }

    public Route? Find(string key) => _routes.GetValueOrDefault(key);

    /// <summary>The route for this update, or the fallback (null when there is none).</summary>
    public Route? Resolve(UpdateContext context, MainMenu menu)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(menu);
        if (context.Command == "start" && context.CommandArgument.IndexOf('-', StringComparison.Ordinal) is > 0 and var dash
            && Find(RouteKeys.StartPayload(context.CommandArgument[..dash])) is { } deepLink)
        {
            return deepLink;
        }

        return KeyOf(context, menu) is { } key && Find(key) is { } route ? route : Find(RouteKeys.Fallback);
    }

    public static string? KeyOf(UpdateContext context, MainMenu menu)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(menu);
        var update = context.Update;
        return update switch
        {
            { PreCheckoutQuery: not null } => RouteKeys.PreCheckout,
            { Message.SuccessfulPayment: not null } => RouteKeys.SuccessfulPayment,
            { Message.RefundedPayment: not null } => RouteKeys.RefundedPayment,
            { Subscription: not null } => RouteKeys.Subscription,
            { StoppedMessageGeneration: not null } => RouteKeys.StoppedGeneration,
            { InlineQuery: not null } => RouteKeys.InlineQuery,
            { ChosenInlineResult: not null } => RouteKeys.ChosenInlineResult,
            { CallbackQuery.Data: { } data } => RouteKeys.Callback(data.Split(':', 2)[0]),
            { Message: { } message } => MessageKey(context, message, menu),
            _ => null,
        };
    }

    private static string? MessageKey(UpdateContext context, Message message, MainMenu menu)
    {
        if (context.Command is { } command)
        {
            return RouteKeys.Command(command);
        }

        // A Cyrillic "/command" gets no bot_command entity from Telegram, but the user meant a command, not a prompt.
        if (message.Text is ['/', ..])
        {
            return RouteKeys.Fallback;
        }

        if (menu.Match(message.Text) is { } item)
        {
            return RouteKeys.Menu(item);
        }

        InputKind? kind = message switch
        {
            { Photo: [_, ..] } => InputKind.Photo,
            { Voice: not null } => InputKind.Voice,
            { Audio: not null } => InputKind.Audio,
            { Video: not null } => InputKind.Video,
            { Document: not null } => InputKind.Document,
            { Text: { Length: > 0 } } => InputKind.Text,
            _ => null,
        };
        return kind is { } k ? RouteKeys.Input(k, context.Mode) : null;
    }
}

public static class RouteKeys
{
    public const string PreCheckout = "pre_checkout_query";
    public const string SuccessfulPayment = "successful_payment";
    public const string RefundedPayment = "refunded_payment";
    public const string Subscription = "subscription";
    public const string StoppedGeneration = "stopped_message_generation";
    public const string InlineQuery = "inline_query";
    public const string ChosenInlineResult = "chosen_inline_result";
    public const string Fallback = "fallback";

    public static string Command(string name) => "/" + name.ToLowerInvariant();

    public static string Callback(string prefix) => "callback " + prefix;

    /// <summary>A <c>/start &lt;prefix&gt;-…</c> deep link a feature answers instead of the greeting.</summary>
    public static string StartPayload(string prefix) => "/start " + prefix + "-";

    public static string Menu(MenuItem item) => "menu " + item;

    public static string Input(InputKind kind, BotMode mode) => $"{kind} in {mode} mode".ToLowerInvariant();
}
