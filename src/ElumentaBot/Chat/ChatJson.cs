using System.Globalization;
using System.Text.Json.Serialization;
using ElumentaBot.Transport;

namespace ElumentaBot.Chat;

/// <summary>Results the chat routes record with their idempotency keys.</summary>
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class ChatJson : JsonSerializerContext;

internal static class ChatKeys
{
    /// <summary>The idempotency key of everything an update does once.</summary>
    public static string Update(UpdateContext context) => string.Create(CultureInfo.InvariantCulture, $"update:{context.UpdateId}");
}
