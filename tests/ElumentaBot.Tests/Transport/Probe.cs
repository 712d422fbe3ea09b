using System.Collections.Concurrent;
using ElumentaBot.Transport;
using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;

namespace ElumentaBot.Tests.Transport;

/// <summary>Shared state between a test and its handlers (registered as a singleton).</summary>
internal sealed class Probe
{
    public ConcurrentDictionary<int, int> HandledCount { get; } = new();

    public ConcurrentQueue<(long Chat, int UpdateId)> Order { get; } = new();

    public Func<UpdateContext, CancellationToken, Task>? OnMessage { get; set; }

    public int Running;
    public int MaxRunning;
}

/// <summary>Counts each handled text message, after an optional test-defined action.</summary>
internal sealed class ProbeHandler(Probe probe)
{
    public async Task HandleAsync(UpdateContext context, CancellationToken ct)
    {
        var running = Interlocked.Increment(ref probe.Running);
        try
        {
            int max;
            while (running > (max = Volatile.Read(ref probe.MaxRunning)) && Interlocked.CompareExchange(ref probe.MaxRunning, running, max) != max)
            {
            }

            probe.Order.Enqueue((context.ChatId!.Value, context.UpdateId));
            if (probe.OnMessage is { } action)
            {
                await action(context, ct);
            }

            probe.HandledCount.AddOrUpdate(context.UpdateId, 1, (_, n) => n + 1);
        }
        finally
        {
            Interlocked.Decrement(ref probe.Running);
        }
    }
}

/// <summary>Answers every pre-checkout query with ok, at once.</summary>
internal sealed class PreCheckoutProbe
{
    public Task HandleAsync(UpdateContext context, CancellationToken ct) =>
        context.Bot.AnswerPreCheckoutQuery(context.Update.PreCheckoutQuery!.Id, cancellationToken: ct);
}

internal static class ProbeRegistration
{
    /// <summary>The probe takes plain text in every mode, in place of the product's routes.</summary>
    public static IServiceCollection AddTextProbe(this IServiceCollection services, Probe probe) =>
        services.AddSingleton(probe).AddScoped<ProbeHandler>()
            .AddSingleton(new RouteOverride(t => t.Override("Probe").Input<ProbeHandler>(InputKind.Text, Enum.GetValues<BotMode>(), (h, c, ct) => h.HandleAsync(c, ct))));

    public static IServiceCollection AddPreCheckoutProbe(this IServiceCollection services) =>
        services.AddScoped<PreCheckoutProbe>()
            .AddSingleton(new RouteOverride(t => t.Override("Probe").PreCheckout<PreCheckoutProbe>((h, c, ct) => h.HandleAsync(c, ct))));
}
