using ElumentaBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Elumenta.Benchmarks.Transport;

/// <summary>The instance process itself: <c>Elumenta.Benchmarks transport-instance</c>, configured by its environment.</summary>
internal sealed partial class WebhookInstance
{
    public const string Subcommand = "transport-instance";

    /// <summary>The child's side: runs the host until the parent closes stdin (or the host stops by itself).</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var builder = BotHost.CreateBuilder(args[1..]);
        builder.Services.AddReplyRoute();
        using var host = builder.Build();
        await host.StartAsync();
        // A closed stdin also means the parent died: no instance outlives its benchmark.
        var parentGone = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is not null)
            {
            }
        });
        // Not WaitForShutdownAsync: once stopping begins it calls StopAsync itself, beside ours (with it, a stop once
        // logged the heartbeat's last write meeting the store's disposed data source).
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        await Task.WhenAny(parentGone, stopping.Task);
        await host.StopAsync(TimeSpan.FromSeconds(10));
        return 0;
    }
}
