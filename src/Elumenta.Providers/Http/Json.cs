using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Elumenta.Providers.Http;

internal static class JsonRead
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement? Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? v : null;

    public static int? Int(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? (int)d : null;

    public static bool Bool(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    /// <summary>Request options are strings; upstream schemas want numbers and booleans where they look like one.</summary>
    public static JsonNode? Typed(string value) =>
        value switch
        {
            "true" or "false" => JsonValue.Create(value == "true"),
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Contains('.', StringComparison.Ordinal) => JsonValue.Create(d),
            _ => JsonValue.Create(value),
        };

    public static string? Opt(this IReadOnlyDictionary<string, string>? options, string name) =>
        options is not null && options.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
