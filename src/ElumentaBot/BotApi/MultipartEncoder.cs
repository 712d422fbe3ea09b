using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ElumentaBot.BotApi;

/// <summary>
/// multipart/form-data as Telegram.Bot sends it: each top-level parameter a text part (strings raw,
/// objects and arrays as JSON text), each upload a part named in its <c>attach://</c> reference.
/// </summary>
internal static class MultipartEncoder
{
    public static bool NeedsMultipart<TRequest>(TRequest request) =>
        request is MediaRequest { Media.IsUpload: true };

    public static MultipartFormDataContent Encode<TRequest>(TRequest request, JsonTypeInfo<TRequest> info)
    {
        var uploads = request is MediaRequest media ? new[] { media.Media } : [];
        for (var i = 0; i < uploads.Length; i++)
        {
            uploads[i].AttachName = $"file{i}";
        }

        var form = new MultipartFormDataContent();
        using var json = JsonSerializer.SerializeToDocument(request, info);
        foreach (var property in json.RootElement.EnumerateObject())
        {
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            form.Add(new StringContent(text), property.Name);
        }

        foreach (var file in uploads.Where(f => f.IsUpload))
        {
            var part = new ReadOnlyMemoryContent(file.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, file.AttachName!, file.FileName ?? file.AttachName!);
        }

        return form;
    }
}
