using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ElumentaBot.Sandbox;

/// <summary>An uploaded multipart file as the fake server received it.</summary>
public sealed record FakeUpload(string PartName, string FileName, string? ContentType, byte[] Content);

/// <summary>Reads Bot API parameters the ways Telegram accepts them: query string, JSON, urlencoded or multipart.</summary>
internal static class FakeRequestReader
{
    public static async Task<(JsonObject Parameters, List<FakeUpload> Files)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var parameters = new JsonObject();
        var files = new List<FakeUpload>();
        foreach (var (key, value) in request.Query)
        {
            parameters[key] = Parse(value.ToString());
        }

        if (request.HasJsonContentType())
        {
            if (await JsonNode.ParseAsync(request.Body, cancellationToken: ct) is JsonObject body)
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
                parameters[key] = Parse(value.ToString());
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                files.Add(new FakeUpload(file.Name, file.FileName, file.ContentType, buffer.ToArray()));
            }
        }

        return (parameters, files);
    }

    // Form fields carry objects and arrays as JSON text; scalars stay text, as Telegram reads them.
    private static JsonNode? Parse(string value)
    {
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

        return JsonValue.Create(value);
    }
}
