using System.Text.Json;
using Elumenta.Core.Storage;
using ElumentaBot.Transport;

namespace ElumentaBot.Chat.Handlers;

/// <summary>
/// For routes whose effect is not a row of ours (stopping work): the reply is recorded under the update's key
/// once the work is done, so a retry after a failed reply re-sends what was stopped instead of "nothing to cancel".
/// </summary>
public sealed class RecordedReplies(Effects effects)
{
    /// <summary>On a retried update: the reply its first attempt recorded, or null.</summary>
    public async Task<string?> FindAsync(UpdateContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Attempt > 0 && await effects.FindAsync(context.EffectKey, ct) is { } json
            ? JsonSerializer.Deserialize(json, ChatJson.Default.String)
            : null;
    }

    /// <summary>Records <paramref name="reply"/> (empty: no reply) and returns the one on record.</summary>
    public async Task<string> RecordAsync(UpdateContext context, string reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var once = await effects.RunOnceAsync(context.EffectKey, ChatJson.Default.String, (_, _) => Task.FromResult(reply), ct);
        return once.Value;
    }
}
