using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Elumenta.Api.Generate;

/// <summary>
/// The fields of a generate body (api.md §3, decision): flat ones and those nested in <c>params</c>, flat winning.
/// Reads collect what is wrong per field: a JSON type that does not fit is a 400, a value that does not fit a 422.
/// </summary>
public sealed class RequestFields
{
    private readonly Dictionary<string, JsonElement> _fields;

    private RequestFields(Dictionary<string, JsonElement> fields) => _fields = fields;

    public IReadOnlyDictionary<string, JsonElement> All => _fields;

    /// <summary>Field → a JSON type that does not fit (answered 400 bad_request).</summary>
    public Dictionary<string, string> TypeErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Field → a value the model or the API does not take (answered 422 validation_error).</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Null (with the reason) when the root is not an object or <c>params</c> is not one.</summary>
    public static RequestFields? From(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "The body must be a JSON object.";
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("params", out var nested) && nested.ValueKind != JsonValueKind.Null)
        {
            if (nested.ValueKind != JsonValueKind.Object)
            {
                problem = "params must be a JSON object.";
                return null;
            }

            foreach (var p in nested.EnumerateObject())
            {
                fields[p.Name] = p.Value.Clone();
            }
        }

        foreach (var p in root.EnumerateObject().Where(p => p.Name != "params"))
        {
            fields[p.Name] = p.Value.Clone();
        }

        return new RequestFields(fields);
    }

    /// <summary>Fields made from form values (the STT upload), all strings.</summary>
    public static RequestFields FromStrings(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.ToDictionary(v => v.Key, v => JsonSerializer.SerializeToElement(v.Value), StringComparer.Ordinal));

    public bool Has(string name) => _fields.TryGetValue(name, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement? Raw(string name) => Has(name) ? _fields[name] : null;

    public string? String(string name)
    {
        if (!Has(name))
        {
            return null;
        }

        var value = _fields[name];
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        TypeErrors[name] = "must be a string";
        return null;
    }

    public bool Bool(string name)
    {
        if (!Has(name))
        {
            return false;
        }

        var value = _fields[name];
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var parsed))
        {
            return parsed;
        }

        TypeErrors[name] = "must be a boolean";
        return false;
    }

    /// <summary>An option's value as the catalog compares it: strings as sent, numbers as written, booleans lower-case.</summary>
    public string? OptionValue(string name)
    {
        var value = _fields[name];
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean() ? "true" : "false";
            case JsonValueKind.Null:
                return null;
            default:
                TypeErrors[name] = "must be a string, number or boolean";
                return null;
        }
    }

    /// <summary>The same request gives the same digest however it was laid out (flat or params, field order, spacing).</summary>
    public string Hash(string route)
    {
        var text = new StringBuilder(route).Append('\n');
        foreach (var (name, value) in _fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(JsonSerializer.Serialize(value)).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
