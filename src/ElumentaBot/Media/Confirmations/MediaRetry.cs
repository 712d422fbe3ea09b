using Elumenta.Core.Generations;

namespace ElumentaBot.Media.Confirmations;

public enum RetryOutcome { Started, AlreadyRetried, Gone }

/// <summary>
/// Retry under a failed or canceled generation: its draft again, once per generation however often the button
/// is tapped (callbacks do not wait in the chat's queue, so two taps can arrive together).
/// </summary>
public sealed class MediaRetry(GenerationStore generations, ConfirmationStore drafts, MediaFlow flow)
{
    public async Task<RetryOutcome> RetryAsync(MediaUser user, long generationId, string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var generation = await generations.GetAsync(generationId, ct);
        if (generation is not { Status: GenerationStatus.Failed or GenerationStatus.Canceled } || generation.AccountId != user.AccountId)
        {
            return RetryOutcome.Gone;
        }

        var claim = await drafts.ReopenForRetryAsync(generationId, user.AccountId, key, ct);
        if (claim.AlreadyRetried)
        {
            return RetryOutcome.AlreadyRetried;
        }

        // A redelivered tap finds its draft confirmed already when the first delivery got that far: nothing to do.
        if (claim.Row is { Status: "open" } row)
        {
            // The transcript is already the prompt: a retry of a voice request does not pay for transcription again.
            await flow.ProposeAsync(user with { EffectKey = key }, row.Draft with { Awaiting = Awaiting.None, Transcriber = null }, row.Id, null, ct);
        }

        return RetryOutcome.Started;
    }
}
