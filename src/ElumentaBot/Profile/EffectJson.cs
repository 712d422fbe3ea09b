using System.Text.Json.Serialization;

namespace ElumentaBot.Profile;

/// <summary>The results the account screens record with their effects and reply from on a retry.</summary>
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
internal sealed partial class EffectJson : JsonSerializerContext;
