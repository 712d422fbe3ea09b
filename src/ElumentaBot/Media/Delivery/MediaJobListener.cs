using Elumenta.Core.Catalog;
using Elumenta.Providers.Jobs;

namespace ElumentaBot.Media.Delivery;

/// <summary>Async media jobs settled by the poller (also after a restart) are delivered or reported here.</summary>
public sealed class MediaJobListener(MediaDelivery delivery) : IJobListener
{
    public Task OnSettledAsync(JobSettled settled, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settled);
        if (settled.Model.Category == ModelCategory.Text)
        {
            return Task.CompletedTask;
        }

        return settled.Succeeded ? delivery.DeliverAsync(settled.GenerationId, ct) : delivery.FailedAsync(settled.GenerationId, ct);
    }
}
