using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ElumentaBot.Sandbox;

/// <summary>An uploaded multipart file as the fake server received it (Telegram.Bot names parts "0", "1", …).</summary>
public sealed record FakeUpload(string PartName, string FileName, string? ContentType, byte[] Content);

/// <summary>
/// Reads Bot API parameters the ways Telegram accepts them: query string, JSON, urlencoded or multipart. Values are
/// recorded as Telegram would read them, whatever the client's spelling: multipart text "True"/"False" becomes a
/// boolean, objects sent as JSON text become objects, and parse_mode is case-insensitive (Telegram.Bot sends "Html").
/// Parameters a client omits stay absent; <see cref="FakeCall.Flag"/> reads a missing boolean as false.
/// </summary>
internal static class FakeRequestReader
{
    private static readonly string[] ParseModes = ["HTML", "MarkdownV2", "Markdown"];

    // What a user typed stays text even when it reads "True" or "[1]".
    private static readonly HashSet<string> FreeText = ["text", "caption", "title", "description", "payload", "error_message", "query"];

    public static async Task<(JsonObject Parameters, List<FakeUpload> Files)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var parameters = new JsonObject();
        var files = new List<FakeUpload>();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = FromText(key, value.ToString());
        }

        if (request.HasJsonContentType())
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > 0 && JsonNode.Parse(buffer.ToArray()) is JsonObject body)
            {
                foreach (var (key, value) in body.ToList())
                {
                    body.Remove(key);
                    parameters[key] = value;
                }
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, value) in form)
            {
                parameters[key] = FromText(key, value.ToString());
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files.Add(new FakeUpload(file.Name, file.FileName, file.ContentType, buffer.ToArray()));
            }
        }

        Canonical(parameters);
        return (parameters, files);
    }

    private static void Canonical(JsonObject parameters)
    {
        foreach (var (key, value) in parameters.ToList())
        {
            if ((key == "parse_mode" || key.EndsWith("_parse_mode", StringComparison.Ordinal)) && value?.ToString() is { } mode)
            {
                parameters[key] = ParseModes.FirstOrDefault(m => string.Equals(m, mode, StringComparison.OrdinalIgnoreCase)) ?? mode;
            }
        }
    }

    // Form fields carry every value as text: objects and arrays as JSON, booleans as .NET writes them ("True").
    private static JsonNode? FromText(string key, string value)
    {
        if (FreeText.Contains(key))
        {
            return JsonValue.Create(value);
        }

        if (value.Length > 0 && value[0] is '{' or '[')
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
            }
        }

        return bool.TryParse(value, out var flag) ? JsonValue.Create(flag) : JsonValue.Create(value);
    }
}
