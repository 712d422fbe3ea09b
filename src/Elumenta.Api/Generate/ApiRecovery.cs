using Elumenta.Core.Generations;

namespace Elumenta.Api.Generate;

/// <summary>
/// At start, before the server listens: a synchronous API generation still pending was cut off by the previous
/// process (its request is gone), so it is released — never left holding tokens and a slot. Async ones are the job
/// poller's (it resumes them, or fails those that never reached a provider).
/// </summary>
public sealed partial class ApiRecovery(GenerationStore generations, ILogger<ApiRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var g in await generations.ListOpenAsync(asyncOnly: false, "api", cancellationToken))
        {
            if (!g.IsAsync && await generations.FailAsync(g.Id, "unavailable", "The API restarted while the request was running.", ct: cancellationToken))
            {
                LogReleased(logger, g.Id);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Released API generation {GenerationId}: the previous process stopped during it")]
    private static partial void LogReleased(ILogger logger, long generationId);
}
