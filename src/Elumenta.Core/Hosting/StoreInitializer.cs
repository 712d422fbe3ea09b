using Elumenta.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Elumenta.Core.Hosting;

/// <summary>Brings the schema up to date before any other hosted service starts taking work.</summary>
internal sealed class StoreInitializer(MigrationRunner migrations) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrations.ApplyAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
