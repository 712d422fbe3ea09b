using ElumentaBot.Ui;
using Microsoft.Extensions.DependencyInjection;

namespace ElumentaBot.Transport;

/// <summary>The gates in the order the host declared them, then exactly one route (or the fallback).</summary>
public sealed class UpdatePipeline(RouteTable routes, MainMenu menu, IReadOnlyList<Type> gates)
{
    public IReadOnlyList<Type> Gates { get; } = gates;

    public RouteTable Routes { get; } = routes;

    public async Task RunAsync(IServiceProvider services, UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var type in Gates)
        {
            if (!await ((IUpdateGate)services.GetRequiredService(type)).PassAsync(context, ct))
            {
                return;
            }
        }

        if (Routes.Resolve(context, menu) is { } route)
        {
            await route.Run(services.GetRequiredService(route.Handler), context, ct);
        }
    }
}
