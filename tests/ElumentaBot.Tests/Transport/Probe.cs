using System.Collections.Concurrent;
using ElumentaBot.BotApi;
using ElumentaBot.Dispatch;

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
internal sealed class ProbeHandler(Probe probe) : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        if (context.Kind != UpdateKinds.Message || context.Command is not null)
        {
            return false;
        }

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
            return true;
        }
        finally
        {
            Interlocked.Decrement(ref probe.Running);
        }
    }
}

/// <summary>Answers every pre-checkout query with ok, at once.</summary>
internal sealed class PreCheckoutHandler : IUpdateHandler
{
    public async Task<bool> HandleAsync(UpdateContext context, CancellationToken ct)
    {
        if (context.Update.PreCheckoutQuery is not { } query)
        {
            return false;
        }

        await context.Bot.AnswerPreCheckoutQuery(query.Id, ct: ct);
        return true;
    }
}
