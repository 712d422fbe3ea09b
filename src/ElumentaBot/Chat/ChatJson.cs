using System.Text.Json.Serialization;

namespace ElumentaBot.Chat;

/// <summary>Results the chat routes record with their idempotency keys.</summary>
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
internal sealed partial class ChatJson : JsonSerializerContext;
