using System.Text.Json.Serialization;
using ElumentaBot.Transport;

namespace ElumentaBot.Profile;

/// <summary>
/// Idempotency keys of the account screens' writes: the update id for a command, the callback query id for a
/// button (both are the same on every retry of the update, so a retry finds the effect recorded).
/// </summary>
public static class EffectKeys
{
    public static string Of(UpdateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Callback is { } query ? $"callback:{query.Id}" : $"update:{context.UpdateId}";
    }
}

/// <summary>The results the account screens record with their effects and reply from on a retry.</summary>
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
internal sealed partial class EffectJson : JsonSerializerContext;
