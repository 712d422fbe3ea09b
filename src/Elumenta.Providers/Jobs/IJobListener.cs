using Elumenta.Core.Catalog;

namespace Elumenta.Providers.Jobs;

/// <param name="Result">The result on success; byte results are also saved under <see cref="JobsOptions.ResultsPath"/>.</param>
public sealed record JobSettled(long GenerationId, Model Model, bool Succeeded, bool Canceled, MediaResult? Result, string? ErrorKind, string? Error);

/// <summary>
/// Told once per generation after the poller settled it (the settlement returned true); the bot delivers
/// here. A crash before delivery leaves the row completed and undelivered (<c>ListUndeliveredAsync</c>).
/// </summary>
public interface IJobListener
{
    Task OnSettledAsync(JobSettled settled, CancellationToken ct);
}
