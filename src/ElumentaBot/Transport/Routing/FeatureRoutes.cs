using ElumentaBot.Ui;

namespace ElumentaBot.Transport;

/// <summary>The routes one feature claims; every method names the handler type and the method that answers.</summary>
public sealed class FeatureRoutes(RouteTable table, string feature, bool replace = false)
{
    public FeatureRoutes Command<T>(string name, RouteAction<T> action) where T : class => Add(RouteKeys.Command(name), action);

    public FeatureRoutes Commands<T>(IEnumerable<string> names, RouteAction<T> action) where T : class
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            Command(name, action);
        }

        return this;
    }

    /// <summary>Buttons whose callback data is <paramref name="prefix"/> or starts with <c>prefix:</c>.</summary>
    public FeatureRoutes Callback<T>(string prefix, RouteAction<T> action) where T : class => Add(RouteKeys.Callback(prefix), action);

    /// <summary><c>/start &lt;prefix&gt;-…</c> (a deep link whose payload starts with <paramref name="prefix"/> and a dash).</summary>
    public FeatureRoutes StartPayload<T>(string prefix, RouteAction<T> action) where T : class => Add(RouteKeys.StartPayload(prefix), action);

    public FeatureRoutes Menu<T>(MenuItem item, RouteAction<T> action) where T : class => Add(RouteKeys.Menu(item), action);

    public FeatureRoutes Input<T>(InputKind kind, BotMode mode, RouteAction<T> action) where T : class => Add(RouteKeys.Input(kind, mode), action);

    public FeatureRoutes Input<T>(InputKind kind, IEnumerable<BotMode> modes, RouteAction<T> action) where T : class
    {
        ArgumentNullException.ThrowIfNull(modes);
        foreach (var mode in modes)
        {
            Input(kind, mode, action);
        }

        return this;
    }

    public FeatureRoutes PreCheckout<T>(RouteAction<T> action) where T : class => Add(RouteKeys.PreCheckout, action);

    public FeatureRoutes SuccessfulPayment<T>(RouteAction<T> action) where T : class => Add(RouteKeys.SuccessfulPayment, action);

    public FeatureRoutes RefundedPayment<T>(RouteAction<T> action) where T : class => Add(RouteKeys.RefundedPayment, action);

    public FeatureRoutes Subscription<T>(RouteAction<T> action) where T : class => Add(RouteKeys.Subscription, action);

    public FeatureRoutes StoppedGeneration<T>(RouteAction<T> action) where T : class => Add(RouteKeys.StoppedGeneration, action);

    public FeatureRoutes InlineQuery<T>(RouteAction<T> action) where T : class => Add(RouteKeys.InlineQuery, action);

    public FeatureRoutes ChosenInlineResult<T>(RouteAction<T> action) where T : class => Add(RouteKeys.ChosenInlineResult, action);

    /// <summary>What no route took: unknown commands, stale buttons. Never plain text.</summary>
    public FeatureRoutes Fallback<T>(RouteAction<T> action) where T : class => Add(RouteKeys.Fallback, action);

    private FeatureRoutes Add<T>(string key, RouteAction<T> action) where T : class
    {
        ArgumentNullException.ThrowIfNull(action);
        table.Add(key, feature, typeof(T), (handler, context, ct) => action((T)handler, context, ct), replace);
        return this;
    }
}
